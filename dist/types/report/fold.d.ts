import { type Layout } from '../workdir/layout.js';
export type TaskOutcome = 'finished' | 'failed' | 'running' | 'pending';
/** What the journals say about one farmer, over the workdir's whole history. */
export interface FarmerFold {
    id: string;
    host: string;
    pid: number;
    workers: number;
    /** Its hello (ms since the epoch), or its first timed record when the hello was not kept. */
    start: number | null;
    /** Its bye, else its last timestamped record. */
    end: number | null;
    bye: boolean;
    /** Attempts it ran to an end (done or failed). */
    attempts: number;
    busyMs: number;
    /** Where its tasks' output went (its hello says; per-task when it does not). */
    logs: 'per-task' | 'per-worker' | 'none';
}
/** The last attempt of a task that the journals know, and how many attempts were started. */
export interface TaskFold {
    attempts: number;
    retried: number;
    s: number;
    e: number;
    w: number;
    rc: number | null;
    sig: string | null;
    to: boolean;
    /** Index into `farmers` of the farmer that ran the last timed attempt (or claimed it last), -1 if none. */
    farmer: number;
    /** When and by whom (index into `farmers`) it was last claimed. */
    claimTs: number;
    claimFarmer: number;
}
/** Every timed attempt, as parallel arrays (kind 0 done, 1 failed, 2 failed and retried). */
export interface Spans {
    task: number[];
    farmer: number[];
    worker: number[];
    start: number[];
    end: number[];
    kind: number[];
}
export interface Folded {
    paths: Layout;
    /** Indexed by task id; holes for ids not in the workdir. */
    text: string[];
    outcome: Array<TaskOutcome | undefined>;
    task: Array<TaskFold | undefined>;
    farmers: FarmerFold[];
    spans: Spans;
}
/**
 * Folds a workdir read-only and lock-free: `finished`, `failed` and `toprocess` for each task's
 * text and outcome, and every journal (history, then active) for attempts, timing, exit codes
 * and farmers. One pass over each file, in bounded chunks: O(tasks + records).
 */
export declare function foldWorkdir(workdir: string): Folded;
