/**
 * How the tests start processes through execa: a process that fails or is killed is a value
 * the test asserts on, never a thrown error, and nothing is added to what the test does to it.
 * execa signals only the direct child: a test that must reach a whole tree starts it
 * `detached` and kills the group itself (`process.kill(-pid, signal)`).
 */
import type { Options, Result } from 'execa';

export const AS_SPAWNED = {
  // A non-zero exit or a signal is the outcome under test, not an error.
  reject: false,
  // Output byte for byte, as the process wrote it (execa drops the last newline by default).
  stripFinalNewline: false,
  // execa follows a SIGTERM from `child.kill()` with a SIGKILL 5 s later; a test's SIGTERM
  // starts a drain that may take longer, and the test decides what comes next.
  forceKillAfterDelay: false,
} as const satisfies Options;

/** How a process ended, as node's 'close' event reports it: one of the two is null. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function exitOf(result: Pick<Result, 'exitCode' | 'signal'>): Exit {
  return { code: result.exitCode ?? null, signal: result.signal ?? null };
}
