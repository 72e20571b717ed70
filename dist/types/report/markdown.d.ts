import { type Report } from './report.js';
export interface MarkdownOptions {
    /** First heading (default "taskfarmer"). */
    title?: string;
    /** Hard cap on the output in bytes (default 100 KiB; GitHub allows 1 MiB per step summary). */
    maxBytes?: number;
    /** Failed tasks shown with their log tails (default 20). */
    maxFailures?: number;
    /** Slowest tasks listed (default 5). */
    slowest?: number;
    /** Longest command shown in a table before it is cut (default 120 characters). */
    maxCommand?: number;
}
/**
 * A Markdown summary of a report, for a GitHub job summary or a PR comment: counts, wall time,
 * durations, failed tasks with the tail of their logs, and the slowest tasks. Failure sections
 * are added while they fit in `maxBytes`; the rest are counted, never cut mid-block.
 */
export declare function renderMarkdownSummary(report: Report, opts?: MarkdownOptions): string;
