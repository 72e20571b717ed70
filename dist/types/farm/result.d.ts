import type { Workdir } from '../workdir/workdir.js';
import type { Limits } from './limits.js';
import type { FarmResult, StopReason } from './options.js';
import { type Phase } from './phase.js';
export interface Ending {
    wd: Workdir;
    phase: Phase;
    ran: FarmResult['ran'];
    started: number;
    /** For the note, when a limit ended it. */
    limits: Limits;
}
/** What farm() resolves with: counts over the whole workdir, and the exit code they mean. */
export declare function farmResult(e: Ending): FarmResult;
/** Stopped while waiting for the lock to start: nothing was claimed or written. */
export declare function stoppedBeforeStart(dir: string, reason: StopReason | undefined, durationMs: number): FarmResult;
/** Disk full, read-only, over quota at start: nothing could be recorded. */
export declare function unwritable(dir: string, err: Error, durationMs: number): FarmResult;
