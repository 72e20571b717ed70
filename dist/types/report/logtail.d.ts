export interface LogTail {
    /** The last lines of the log (at most `lines` lines and `bytes` bytes). */
    text: string;
    /** True when the log holds more than `text`. */
    truncated: boolean;
}
/**
 * The end of a task's log, bounded in lines and bytes so a summary stays small whatever the
 * task printed. A line cut by the byte bound is dropped when whole lines follow it, and kept
 * (its end) when it is all there is: a task's last word is often one very long line. A line
 * redrawn with carriage returns (a progress bar) shows its last state. Control characters other
 * than tab and newline are dropped (colour codes), so the text is safe in Markdown, HTML and a
 * terminal.
 */
export declare function logTail(path: string, lines?: number, bytes?: number): LogTail;
