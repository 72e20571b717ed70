import type { Claim, Completion } from '../workdir/workdir.js';
type Attempt = {
    id: number;
    attempt: number;
};
/** What one sync round records: attempts that ended, and attempts put back. */
export interface Batch {
    completions: Completion[];
    stopped: Attempt[];
}
/**
 * What this farmer holds that the workdir does not know yet: tasks claimed ahead and not
 * started (the queue), attempts that ended, and attempts put back. A sync takes a batch and,
 * when the workdir did not take it (lock held after a stop, workdir not answering), puts it back
 * in front, so that nothing is lost or recorded out of order.
 */
export declare class Holdings {
    /** Claimed, not yet started: short tasks are claimed ahead so the lock is taken per batch, not per task. */
    private queue;
    private completions;
    private stopped;
    get queued(): number;
    get ended(): number;
    /** Attempts waiting to be recorded. */
    get unrecorded(): number;
    claimed(claims: Claim[]): void;
    /** The next claimed task to start. */
    next(): Claim | undefined;
    complete(c: Completion): void;
    putBackLater(a: Attempt): void;
    /** Claimed ahead but not started: back to the pool (a drain, a stop). */
    handBack(): void;
    /** Everything to record now. */
    take(): Batch;
    /** A batch the workdir did not take: first in line for the next sync. */
    putBack(b: Batch): void;
    /** Every task held here. */
    ids(): Set<number>;
    /** A rejoin: what was held belongs to a farmer the others took everything back from. */
    forget(): void;
}
export {};
