import { countLines } from '../util/count.js';
import { isUsageError, oneLine } from '../util/errors.js';
import type { Workdir } from '../workdir/workdir.js';
import type { Limits } from './limits.js';
import type { ExitCode, FarmResult, StopReason } from './options.js';
import { endReason, failure, type Phase } from './phase.js';

export interface Ending {
  wd: Workdir;
  phase: Phase;
  ran: FarmResult['ran'];
  started: number;
  /** For the note, when a limit ended it. */
  limits: Limits;
}

/** What farm() resolves with: counts over the whole workdir, and the exit code they mean. */
export function farmResult(e: Ending): FarmResult {
  const { wd } = e;
  const st = wd.state;
  const finished = countLines(wd.paths.finished);
  const failed = countLines(wd.paths.failed);
  const remaining = st.count.pending + st.count.claimed;
  const fatal = failure(e.phase);
  // Tasks left (stopped early, or handed back at the very end by a farmer that died): run again.
  const stopReason = endReason(e.phase);
  let exitCode: ExitCode = failed > 0 ? 1 : 0;
  if (remaining > 0) exitCode = 75;
  // Given up on purpose: run again only after looking at the failures (`taskfarmer requeue`).
  if (stopReason === 'max-failures') exitCode = 1;
  // A workdir that names a command not in the tasklist (changed while we ran) is bad input.
  if (fatal) exitCode = isUsageError(fatal) ? 2 : 74;
  return {
    exitCode,
    status: remaining > 0 || fatal ? 'incomplete' : failed > 0 ? 'failed' : 'complete',
    stopReason,
    note: e.limits.note(stopReason, st.count.failed, remaining),
    workdir: wd.paths.dir,
    farmer: wd.farmerId,
    total: finished + failed + remaining,
    finished,
    failed,
    remaining,
    ran: { ...e.ran },
    durationMs: Date.now() - e.started,
    error: fatal ? workdirError(wd.paths.dir, fatal) : undefined,
  };
}

/** The error of a workdir that cannot be written; system errors (ENOSPC, EROFS…) name no file, so we do. */
function workdirError(dir: string, err: Error): string {
  return (err as NodeJS.ErrnoException).code ? `cannot record state in workdir ${dir}: ${oneLine(err)}` : oneLine(err);
}

/** Stopped while waiting for the lock to start: nothing was claimed or written. */
export function stoppedBeforeStart(dir: string, reason: StopReason | undefined, durationMs: number): FarmResult {
  return { ...unwritable(dir, new Error(''), durationMs), exitCode: 75, stopReason: reason, error: undefined };
}

/** Disk full, read-only, over quota at start: nothing could be recorded. */
export function unwritable(dir: string, err: Error, durationMs: number): FarmResult {
  return {
    exitCode: 74,
    status: 'incomplete',
    workdir: dir,
    farmer: '',
    total: 0,
    finished: 0,
    failed: 0,
    remaining: 0,
    ran: { done: 0, failed: 0, retried: 0, stopped: 0 },
    durationMs,
    error: workdirError(dir, err),
  };
}
