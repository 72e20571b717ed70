import type { TasklistHandler } from '../tasklist/handlers.js';
import type { JournalRecord } from './journal.js';
import type { Layout } from './layout.js';
import { type Meta } from './meta.js';
import type { TaskState } from './state.js';
/**
 * Lines appended to the tasklist while the workdir exists become new tasks (`add` records,
 * ids after the last). Editing its existing lines is refused (appendedSince): ids would
 * silently point at other commands.
 */
/** New tasks found in the tasklist, and the meta to write once their records are in the journal. */
export interface Added {
    records: JournalRecord[];
    meta?: Meta;
}
export interface TasklistSource {
    tasklist: string;
    handler: TasklistHandler;
    warn: (msg: string) => void;
}
/**
 * The tasks that join at a start, and the meta to write once their records are in the journal.
 * A workdir PyTaskFarmer made (no meta) is adopted, and the tasks it lost (popped, never
 * recorded) are recovered; in one of ours, lines appended to the tasklist since become tasks.
 * Under the lock, with `state` folded from the workdir.
 */
export declare function joiningAtStart(paths: Layout, state: TaskState, source: TasklistSource, tasklist: Buffer, meta: Meta | undefined): Added;
/** New tasks from lines appended to the tasklist, checked while farming. Under the lock. */
export declare function checkTasklistGrowth(paths: Layout, source: TasklistSource): Added;
/**
 * `add` records for the lines appended to the tasklist, and the meta that counts them, to be
 * written only after the records are in the journal (else a crash in between loses the tasks).
 */
export declare function appendedTasks(paths: Layout, source: TasklistSource, meta: Meta): Added;
