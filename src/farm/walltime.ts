/**
 * Walltime-aware claiming: near the farmer's stop (its --timeout, or its Slurm job's end), a
 * task that would not finish in time is not started. It would only be killed at the limit and
 * run again by the next job; left in `toprocess`, it costs nothing.
 */

/** Durations kept: enough for a stable p90, bounded so the guard stays O(1) per task. */
const SAMPLES = 200;
/** Slack for starting the task and recording its end. */
const SLACK_MS = 1_000;

export class WalltimeGuard {
  private readonly durations: number[] = [];
  private next = 0;

  /** `deadline`: when the farmer will be stopped (ms since the epoch). */
  constructor(readonly deadline: number) {}

  /** A task of this farmer ended after `ms` (only real ends count: a stopped task says nothing). */
  observe(ms: number): void {
    if (this.durations.length < SAMPLES) this.durations.push(ms);
    else this.durations[this.next++ % SAMPLES] = ms;
  }

  /** The 90th percentile of the durations seen, or undefined before any task ended. */
  p90(): number | undefined {
    return percentile(this.durations, 0.9);
  }

  /**
   * False when a task started now is expected to outlive the deadline: now + p90 + slack.
   * Before any task ended there is nothing to expect, and the farmer claims as usual.
   */
  fits(now: number): boolean {
    const p = this.p90();
    return p === undefined || now + p + SLACK_MS <= this.deadline;
  }
}

/** The nearest-rank percentile `q` (0..1) of `values`, or undefined when empty. */
export function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * When the farmer will be stopped: the earlier of `--timeout` and its Slurm job's end. Slurm
 * exports SLURM_JOB_END_TIME (epoch seconds) in recent releases; older ones are asked with
 * `squeue -o %L` (time left), through `timeLeft`.
 */
export function findDeadline(
  started: number,
  timeoutMs: number | undefined,
  env: NodeJS.ProcessEnv,
  timeLeft: (job: string) => string | undefined,
): number | undefined {
  const ends: number[] = [];
  if (timeoutMs) ends.push(started + timeoutMs);
  const end = env.SLURM_JOB_END_TIME?.trim();
  if (end && /^\d+$/.test(end)) ends.push(Number(end) * 1000);
  else if (env.SLURM_JOB_ID) {
    const left = parseSlurmTimeLeft(timeLeft(env.SLURM_JOB_ID) ?? '');
    if (left !== undefined) ends.push(started + left);
  }
  return ends.length ? Math.min(...ends) : undefined;
}

/** squeue's `%L`: `[days-]hours:minutes:seconds`, `minutes:seconds`, or a word (UNLIMITED, NOT_SET, INVALID). */
export function parseSlurmTimeLeft(text: string): number | undefined {
  const m = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0));
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}
