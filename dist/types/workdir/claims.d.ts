import type { UsageError } from '../util/errors.js';
import type { JournalRecord } from './journal.js';
import type { Layout } from './layout.js';
import type { TaskState } from './state.js';
import { type TasklistTexts } from './tasklist-texts.js';
import type { Claim } from './workdir-types.js';
export interface Picked {
    claims: Claim[];
    /** Their `claim` records, for the caller to append to its journal. */
    records: JournalRecord[];
    /** Why claiming stopped early: a task whose command is not the tasklist's. */
    refused: UsageError | undefined;
}
/**
 * Picks up to `want` tasks to claim, under the lock: the next pending ones (TaskState's order),
 * each run only with the tasklist's command. A task whose text a journal changed since we
 * started stops the picking: the farm stops rather than run it (so does `refused`, passed in
 * when such a record was read). Each claim is folded at once (`fold`), so one batch never
 * holds an id twice. A claim record carries the sizes of `finished` and `failed`: where a
 * farmer taking it back starts looking for a line we wrote just before dying.
 */
export declare function pickClaims(want: number, now: number, refused: UsageError | undefined, ctx: {
    state: TaskState;
    trusted: TasklistTexts;
    paths: Layout;
    fold: (record: JournalRecord) => void;
}): Picked;
