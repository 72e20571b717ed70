import { type Fence } from './fence.js';
/**
 * Runs a farmer's locked sections. While one runs, `fence` is the lock's: every write checks
 * it, so a farmer that stalled past --lock-stale (another took the lock over and went on)
 * writes nothing more. Such a section is run again under a new lock, after `reread`: no
 * decision then rests on what was read before.
 */
export declare class LockedSections {
    private readonly lockPath;
    private readonly options;
    private readonly reread;
    /** The lock's fence while a section runs, NO_FENCE between sections. */
    fence: Fence;
    /** The lock was taken from us mid-section: what we read may be stale, read it all again. */
    private resync;
    constructor(lockPath: string, options: {
        lockStale: number;
        warn: (msg: string) => void;
        signal?: AbortSignal;
    }, reread: () => void);
    /** Runs `fn` once under the lock (LockLostError goes to the caller). */
    once<T>(fn: () => T, maxWait?: number): Promise<T>;
    /** Runs `fn` under the lock until a run keeps the lock to its end. */
    run<T>(fn: () => T, maxWait?: number): Promise<T>;
}
