import { type Folded, type Spans, type TaskOutcome } from './fold.js';
import { type FsInfo } from '../workdir/fstype.js';
export type { TaskOutcome, Spans } from './fold.js';
/** One task: its outcome and its last attempt (or, while running, its current claim). */
export interface ReportTask {
    id: number;
    task: string;
    outcome: TaskOutcome;
    /** Attempts started over the workdir's history (stopped and retried ones included). */
    attempts: number;
    exitCode: number | null;
    signal: string | null;
    timedOut: boolean;
    /** ms since the epoch; for a running task, when it was claimed. */
    start: number | null;
    end: number | null;
    durationMs: number | null;
    host: string | null;
    farmer: string | null;
    worker: number | null;
    /**
     * The file that holds its last attempt's output, relative to the workdir: its own log, or its
     * worker's (per-worker logs; `taskfarmer logs WORKDIR ID` prints its part). Null when the
     * output was discarded (logs none), or not known yet (a running task's worker).
     */
    log: string | null;
}
export interface ReportFailure extends ReportTask {
    logTail: string;
    logTailTruncated: boolean;
}
export interface ReportFarmer {
    id: string;
    host: string;
    pid: number;
    workers: number;
    start: number | null;
    end: number | null;
    /** It said goodbye (stopped gracefully). */
    ended: boolean;
    /** Attempts it ran to an end. */
    attempts: number;
    /** Sum of its attempts' durations. */
    busyMs: number;
    /** Where its tasks' output went. */
    logs: 'per-task' | 'per-worker' | 'none';
}
export interface DurationStats {
    /** Tasks with a known duration (finished or failed, last attempt). */
    count: number;
    totalMs: number;
    minMs: number | null;
    meanMs: number | null;
    p50Ms: number | null;
    p90Ms: number | null;
    p99Ms: number | null;
    maxMs: number | null;
}
/** Busy workers averaged over equal time buckets across the wall span. */
export interface Utilization {
    bucketMs: number;
    /** Start of the first bucket (ms since the epoch). */
    start: number;
    busy: number[];
    /** Worker slots of the farmers alive in each bucket. */
    capacity: number[];
}
/** The summary of a workdir; its JSON form is described by schemas/report.schema.json. */
export interface Report {
    version: 1;
    generated: string;
    workdir: string;
    /** The workdir's filesystem as the report's reader sees it. */
    filesystem: FsInfo;
    counts: {
        total: number;
        finished: number;
        failed: number;
        toProcess: number;
        running: number;
        /** Failed attempts that were run again. */
        retried: number;
    };
    wall: {
        start: number | null;
        end: number | null;
        durationMs: number | null;
    };
    durations: DurationStats;
    utilization: Utilization | null;
    farmers: ReportFarmer[];
    /** Every task, by id (empty when built with `tasks: false`). */
    tasks: ReportTask[];
    /** The longest finished or failed tasks, longest first. */
    slowest: ReportTask[];
    /** Failed tasks by id with the tail of their logs, at most `maxFailures`. */
    failures: ReportFailure[];
    /** Failed tasks left out of `failures`. */
    failuresOmitted: number;
}
export interface ReportOptions {
    /** Include the per-task list (default true). */
    tasks?: boolean;
    /** How many slowest tasks to list (default 10). */
    slowest?: number;
    /** How many failures get a log tail (default 50). */
    maxFailures?: number;
    tailLines?: number;
    tailBytes?: number;
    /** Buckets of the utilization series (default 120). */
    buckets?: number;
}
/** Builds the report of a workdir, read-only and lock-free (safe while farmers run). */
export declare function buildReport(workdir: string, opts?: ReportOptions): Report;
/** The report and every timed attempt (for the HTML Gantt chart). */
export declare function collectReport(workdir: string, opts?: ReportOptions): {
    report: Report;
    spans: Spans;
    fold: Folded;
};
/** One task's row; exported for status, which lists running tasks and recent failures. */
export declare function taskOf(fold: Folded, id: number, o: TaskOutcome): ReportTask;
/** A task's log as a reader is told of it: its file, and for a per-worker log how to get its part. */
export declare function logLabel(t: {
    id: number;
    log: string | null;
}): string;
/**
 * Per-worker logs to search: none when no farmer wrote any (their hellos say), which spares
 * listing a logs/ of a million per-task files; undefined (every one) otherwise.
 */
export declare function workerFiles(farmers: Array<{
    logs: string;
}>): string[] | undefined;
