import { type TaskLogs, type TaskOutput } from '../workdir/tasklog-reader.js';
export interface LogTail {
    /** The last lines of the log (at most `lines` lines and `bytes` bytes). */
    text: string;
    /** True when the log holds more than `text`. */
    truncated: boolean;
}
/**
 * The end of a task's output, bounded in lines and bytes so a summary stays small whatever the
 * task printed. A line cut by the byte bound is dropped when whole lines follow it, and kept
 * (its end) when it is all there is: a task's last word is often one very long line. A line
 * redrawn with carriage returns (a progress bar) shows its last state. Control characters other
 * than tab and newline are dropped (colour codes), so the text is safe in Markdown, HTML and a
 * terminal.
 */
export declare function outputTail(o: TaskOutput | undefined, lines?: number, bytes?: number): LogTail;
/** The tail of the latest kept output of each task in `ids` (one pass over the logs). */
export declare function latestTails(logs: TaskLogs, ids: number[], lines: number, bytes: number, files?: string[]): Map<number, LogTail>;
/** The tail of one attempt's output, from the file a farm event named (its `log`). */
export declare function attemptTail(e: {
    id: number;
    attempt: number;
    log: string;
}, lines: number, bytes: number): LogTail;
/** Where an attempt's whole output is: its log file, and in a worker's log, which part. */
export declare function logWhere(e: {
    id: number;
    attempt: number;
    log: string;
}): string;
