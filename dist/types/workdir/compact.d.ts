import type { Fence } from './fence.js';
import { type Layout } from './layout.js';
import type { OwnJournal } from './own-journal.js';
import type { TaskState } from './state.js';
import type { TasklistTexts } from './tasklist-texts.js';
/**
 * Brings the workdir to rest, as PyTaskFarmer expects it: rewrites `toprocess` as the tasks not
 * done and moves the journals (`own` included, whose offset starts again) to history. Only when
 * no other farmer is alive, under the lock, with `state` folded from everything. Replaying the
 * old journals over the new `toprocess` (a crash right after the rename) changes nothing, so
 * the two steps need no commit record. Then `carry.jsonl` is replaced by the attempt numbers,
 * failed attempts and lost farmers of the tasks left: replaying the old journals over the old
 * carry file is right too, and a crash after the journals moved but before the new carry file
 * is written leaves the old one, which forgets what those journals added to the counts.
 */
export declare function compact(paths: Layout, state: TaskState, trusted: TasklistTexts, own: OwnJournal, fence: Fence): void;
/** `<id> <task>` lines for the ids `text` gives a task, ascending, produced lazily (no giant array). */
export declare function taskLines(text: (id: number) => string | undefined, end: number): Generator<string>;
