import { type Layout } from './layout.js';
/** One attempt's output, as found on disk. */
export interface TaskOutput {
    id: number;
    /** Null for a per-task log: PyTaskFarmer's format keeps only the latest attempt, unnumbered. */
    attempt: number | null;
    file: string;
    /** When it started (a frame), or last changed (a per-task log): orders outputs across modes. */
    time: number;
    /** Byte ranges [start, end) of the file, in order (a note the farmer added is a later frame). */
    ranges: Array<[number, number]>;
    /** False while the attempt runs, or when its farmer died in the middle of it. */
    complete: boolean;
}
export declare class TaskLogs {
    readonly paths: Layout;
    private workerFiles;
    constructor(workdir: string);
    /** For a user's command: a UsageError if `workdir` is no workdir. */
    static open(workdir: string): TaskLogs;
    /**
     * The outputs of each task in `ids`, oldest first: one pass over every per-worker log (or
     * over `files` only, when the caller knows where the task ran), whatever the number of ids.
     */
    find(ids: Iterable<number>, files?: string[]): Map<number, TaskOutput[]>;
    /** Every kept output of a task, oldest first. */
    outputs(id: number, files?: string[]): TaskOutput[];
    /** The latest kept output of a task (or of attempt `attempt`), if any. */
    latest(id: number, attempt?: number, files?: string[]): TaskOutput | undefined;
    private listWorkerFiles;
}
/**
 * Attempt `attempt` of task `id` in the file a farm event named (its `log`): a per-worker log
 * is searched for that attempt's frames, a per-task log is the output. Undefined for ''.
 */
export declare function outputIn(file: string, id: number, attempt: number): TaskOutput | undefined;
/** The output's bytes (its last `max` bytes when given) and its whole size. */
export declare function readOutput(output: TaskOutput, max?: number): {
    bytes: Buffer;
    size: number;
};
