import type { JournalRecord } from './journal.js';
/**
 * A task whose farmer was lost (taken back by lease: the farmer died, or went silent) this many
 * times is recorded as failed instead of being run again: a task that kills its farmer would
 * otherwise be requeued forever.
 */
export declare const LOST_CAP = 3;
/** Where a task stands. `absent` ids are not part of this run (done before a compaction). */
export declare enum Status {
    Absent = 0,
    Pending = 1,
    Claimed = 2,
    Done = 3,
    Failed = 4
}
/**
 * The state of every task, folded from the base (`toprocess` at the last compaction) and the
 * journal records. Applying records is order-independent: a claim of attempt `a` is current
 * only while no later attempt exists and attempt `a` was not released (requeued or retried),
 * and done/failed are terminal. So chunks of different journals can be read in any order.
 */
export declare class TaskState {
    /** id → command; undefined for ids not in this run. */
    private readonly texts;
    private status;
    private attempt;
    private released;
    private owner;
    private fails;
    /** id → the failed attempt a `rerun` took back (rare: a Map, not an array per task). */
    private readonly reran;
    /** How many of its attempts were taken back from a lost farmer (saturates at 255). */
    private lost;
    private readonly claimedBy;
    /** Base ids in claim order (ascending); an Int32Array to stay small with a million tasks. */
    private order;
    private orderLength;
    private orderSorted;
    private cursor;
    private returned;
    /** Tasks taken back from lost farmers: run after every other, so a task that kills farmers does not go first each time. */
    private deferred;
    private deferredAt;
    /** Records about ids not (yet) in this run: an `add` in a journal read later makes them count. */
    private early;
    readonly count: {
        pending: number;
        claimed: number;
        done: number;
        failed: number;
    };
    get total(): number;
    statusOf(id: number): Status;
    attemptOf(id: number): number;
    failsOf(id: number): number;
    lostOf(id: number): number;
    ownerOf(id: number): number;
    /** The ids a farmer (by index) currently holds. */
    claimsOf(farmer: number): ReadonlySet<number>;
    /** The command of a task; undefined for ids not in this run. */
    task(id: number): string | undefined;
    /** The Buffer that addBaseRange() ranges index into: the base file as read. */
    setBaseBuffer(buf: Buffer): void;
    /** A task of the base (`toprocess`); any order (PyTaskFarmer appends returned tasks at the end). */
    addBase(id: number, task: string): void;
    /** A task of the base whose command is bytes [start, end) of the base buffer. */
    addBaseRange(id: number, start: number, end: number): void;
    private markBase;
    /** A task that joined later (appended to the tasklist, or recovered). */
    addLate(id: number, task: string): void;
    /** Folds one record written by farmer number `farmer`. */
    apply(farmer: number, r: JournalRecord): void;
    /** The next pending task, lowest returned id first, then in tasklist order; -1 if none. */
    nextPending(): number;
    /** Puts an id taken by nextPending() but not claimed back in front of the queue. */
    unshift(id: number): void;
    /** Pending or claimed: what `toprocess` holds at rest. */
    isNotDone(id: number): boolean;
    /** One past the highest id ever seen. */
    get size(): number;
    private applyClaim;
    /**
     * A failed task back in the pool (`taskfarmer requeue`). Known and failed at attempt `a`: it
     * is pending again; not known (it failed before the last compaction): it joins, as with `add`;
     * claimed at attempt `a` (its final `fail` not read yet): that failure will count as a release.
     */
    private rerun;
    /** A rerun starts the task's counts afresh: its failures and the farmers it lost (LOST_CAP). */
    private unfail;
    /** A task carried over a compaction: attempts up to `a` are over, `fails` of them failed. */
    private carry;
    private release;
    private finish;
    private dropClaim;
    private setStatus;
    private ensure;
}
