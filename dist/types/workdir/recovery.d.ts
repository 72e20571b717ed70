import type { JournalRecord } from './journal.js';
import { type Layout } from './layout.js';
import type { FarmerInfo } from './reader.js';
import { type TaskState } from './state.js';
/**
 * Crash recovery: what a live farmer (or the next start) does for farmers that are gone and
 * for tasks a crashed PyTaskFarmer lost. Each function only decides: it returns the records
 * (and `failed` lines) to write, and the caller writes them under the lock, lines first.
 */
/** Records that put a gone farmer's claims back, and the `failed` lines to write before them. */
export interface TakenBack {
    records: JournalRecord[];
    /** `failed` lines of tasks failed for losing their farmers LOST_CAP times. */
    failed: string;
}
/** takeBack() for each of `farmers` (all gone), in order. */
export declare function takeBackAll(paths: Layout, state: TaskState, farmers: Iterable<FarmerInfo>, warn: (msg: string) => void): TakenBack;
/**
 * Takes back the claims of a gone farmer. A claim whose task already reached `finished` or
 * `failed` (the farmer died between writing the line and its journal record) is completed,
 * not requeued, so no task is recorded twice: the files are searched from where they ended
 * when it claimed. A task whose farmers were lost LOST_CAP times is failed (its `failed`
 * line is returned, to be written before the records).
 */
export declare function takeBack(paths: Layout, state: TaskState, farmer: FarmerInfo, warn: (msg: string) => void): TakenBack;
/**
 * `add` records for the tasks of the tasklist (`tasks`, commands by id) found in none of
 * toprocess, finished, failed: a PyTaskFarmer that crashed had popped them, never to record them.
 */
export declare function recoverLost(paths: Layout, state: TaskState, tasks: string[], warn: (msg: string) => void): JournalRecord[];
