import { type Fence } from './fence.js';
import { type JournalRecord } from './journal.js';
import { type Layout } from './layout.js';
/** Thrown when another farmer compacted the workdir while this one was presumed dead. */
export declare class StaleWorkdirError extends Error {
}
/**
 * A farmer's own journal. Nobody else writes it, so an append needs the lock only to be
 * fenced (heartbeats and a stop that cannot get the lock append without it). It knows how many
 * bytes this farmer wrote, which tells two accidents apart: an append that failed part-way
 * (repair() folds what made it and ends the torn line) and a journal that is not ours any more
 * (check(): another farmer compacted it away while we were presumed dead; the farm rejoins as
 * a new farmer).
 */
export declare class OwnJournal {
    private readonly paths;
    readonly path: string;
    /** Bytes we wrote to it (all folded into our state). */
    offset: number;
    /** An append failed: it may have left part of its bytes (see repair). */
    private dirty;
    constructor(paths: Layout, farmerId: string);
    exists(): boolean;
    append(records: JournalRecord[], fence: Fence): void;
    /**
     * After a failed append (the filesystem went away mid-write), our journal may hold some of
     * those records, the last one perhaps torn. `fold` gets the complete ones (the state must say
     * what the others will read) and the torn line is ended, so that our next record is not
     * glued to it.
     */
    repair(fold: (records: JournalRecord[]) => void): void;
    /** Throws StaleWorkdirError when our journal is gone or holds bytes we did not write. */
    check(): void;
}
