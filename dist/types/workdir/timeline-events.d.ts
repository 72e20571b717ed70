import type { TaskState } from './state.js';
import type { Completion, Outcome } from './workdir-types.js';
/**
 * The lines a farmer adds to `timeline.json`: Chrome trace events, as Perfetto reads them.
 * Times are in µs; `pid` is the farmer's, `tid` the worker slot. Pure formatting: the Workdir
 * appends them in place (appendJsonArray), so the file stays a valid array.
 */
/** One attempt: a complete (`X`) span on its worker's track, named by the task. */
export declare function attemptEvent(c: Completion, outcome: Outcome, farmerId: string): string;
/** A sample of the counter tracks under this farmer: its running tasks, and the workdir's. O(1). */
export declare function counterEvent(state: TaskState, farmerIndex: number): string;
/** Perfetto track names: one process per farmer (host and pid), one thread per worker slot. */
export declare function trackNames(workers: number): string[];
