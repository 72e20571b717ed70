export interface LogTail {
    /** The last lines of the log (at most `lines` lines and `bytes` bytes). */
    text: string;
    /** True when the log holds more than `text`. */
    truncated: boolean;
}
/**
 * The end of a task's log, bounded in lines and bytes so a summary stays small whatever the
 * task printed. Control characters other than tab and newline are dropped (progress bars,
 * colour codes), so the text is safe in Markdown, HTML and a terminal.
 */
export declare function logTail(path: string, lines?: number, bytes?: number): LogTail;
