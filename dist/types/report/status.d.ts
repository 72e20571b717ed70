import { type FsInfo } from '../workdir/fstype.js';
import { type ReportFailure, type ReportTask } from './report.js';
export interface FarmerStatus {
    id: string;
    host: string;
    pid: number;
    workers: number;
    /** Tasks it is running: its claims, up to one per worker (none once it is gone). */
    running: number;
    /** Its other claims: claimed ahead (short tasks are claimed in batches), or, once it is gone, held until a farmer takes them back. */
    queued: number;
    /** False once it said bye, its process is dead, or its lease ran out. */
    alive: boolean;
    /** ms since its journal last grew, as seen now. */
    silentMs: number;
}
export interface StatusSnapshot {
    workdir: string;
    /** The workdir's filesystem as this reader sees it (the same for every node on a shared one). */
    filesystem: FsInfo;
    total: number;
    toProcess: number;
    /** Tasks running now (estimated per farmer: its claims, up to one per worker). */
    running: number;
    /** Tasks claimed but not running: claimed ahead, or held by a farmer that is gone. */
    queued: number;
    finished: number;
    failed: number;
    farmers: FarmerStatus[];
}
/**
 * A read-only snapshot of a workdir, safe while farmers run: it takes no lock and writes
 * nothing (a journal line still being written is simply not counted yet).
 */
export declare function status(workdir: string, defaultLease?: number): StatusSnapshot;
/** What `status` adds to the counts: the longest-running tasks and the latest failures. */
export interface StatusDetails {
    /** Running tasks, longest running first; `runningMs` counts from the claim. */
    slowestRunning: Array<ReportTask & {
        runningMs: number;
    }>;
    /** The latest final failures, newest first, with the tail of their logs. */
    lastFailures: ReportFailure[];
}
/**
 * Details for `status`: folds the whole workdir history, read-only and lock-free like status().
 * Costs O(tasks + journal records), so `status --watch` refreshes every few seconds, not faster.
 */
export declare function statusDetails(workdir: string, opts?: {
    running?: number;
    failures?: number;
    tailLines?: number;
}): StatusDetails;
/** The human form of a snapshot. */
export declare function formatStatus(s: StatusSnapshot, d?: StatusDetails): string;
