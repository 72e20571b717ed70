/** How an attempt ended, as the farm's events and the report's tasks both know it. */
export interface AttemptEnd {
  /** Exit status (128+N when killed by signal N); null when unknown: never started, or not journaled. */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
}

/**
 * How an attempt ended, in a few words: "exit 3", "killed by SIGKILL", "timed out", or "exit
 * status unknown" (it could not start, its launcher died, or PyTaskFarmer ran it). The one
 * wording for the CLI, the Action's log and annotations, status, and the reports.
 */
export function howEnded(t: AttemptEnd): string {
  if (t.timedOut) return 'timed out';
  if (t.signal) return `killed by ${t.signal}`;
  return t.code === null ? 'exit status unknown' : `exit ${t.code}`;
}
