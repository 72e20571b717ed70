import { type Layout } from './layout.js';
import type { TaskState } from './state.js';
import type { Completion } from './workdir-types.js';
/**
 * A task's `finished`/`failed` line is written before its journal record, so that a farmer
 * dying in between leaves the line for recovery to find. The price: a line can be there while
 * its record is not, and must then not be written a second time. This knows where to look.
 */
export declare class WrittenLines {
    private readonly paths;
    /** Lines written by a section that then failed (lost the lock): the ids, and where the files ended before. */
    private inDoubt;
    constructor(paths: Layout);
    /** Before the lines of `ids` are appended: remember where the files end. */
    writing(ids: Set<number>): void;
    /** The journal records of those lines are written: nothing is in doubt any more. */
    settled(): void;
    /**
     * Whether a completion's line is there already: a section that lost the lock may have
     * written it (writing()); so may a sync that failed when the workdir stopped answering
     * (`recheck`: the tails of both files are searched); and a task taken back from a farmer
     * presumed dead (only stalled) may have that farmer's line, which is then its record.
     */
    check(state: TaskState, recheck: boolean | undefined): (c: Completion) => boolean;
    /** Ids in the tails of `finished` and `failed`: lines a failed sync may have written. */
    private idsInTails;
}
