import type { TasklistHandler } from '../tasklist/handlers.js';
import type { LogMode } from './tasklog.js';
/**
 * What the farm and the Workdir say to each other: the options it opens with, the claims it
 * hands out, and the completions, stops and outcomes that come back through sync and close.
 */
export interface WorkdirOptions {
    dir: string;
    tasklist: string;
    handler: TasklistHandler;
    /** Extra attempts for a failing task. */
    retries: number;
    /** ms without a heartbeat after which a farmer's claims are taken back. */
    lease: number;
    /** ms after which a lock left by a dead farmer is taken over. */
    lockStale: number;
    workers: number;
    /** Where task output goes (see tasklog.ts); default per-task. */
    logs?: LogMode;
    warn: (msg: string) => void;
    /** Aborting it ends any wait for the workdir lock (LockWaitAborted): a stop must not wait on a stalled holder. */
    signal?: AbortSignal;
}
/** A task this farmer may run now. */
export interface Claim {
    id: number;
    attempt: number;
    task: string;
}
/** How an attempt ended, as the farm reports it. */
export interface Completion {
    id: number;
    attempt: number;
    ok: boolean;
    rc: number | null;
    signal: string | null;
    timedOut: boolean;
    start: number;
    end: number;
    slot: number;
    task: string;
}
/** done/failed are final; retry means the task went back to the pool; fenced means our claim had been taken back. */
export type Outcome = 'done' | 'failed' | 'retry' | 'fenced';
export interface SyncRequest {
    completions?: Completion[];
    /** Attempts stopped by us (signal, timeout): back to the pool, no retry used. */
    stopped?: Array<{
        id: number;
        attempt: number;
    }>;
    /** How many tasks to claim. */
    want?: number;
    /** Look for lines appended to the tasklist. */
    checkTasklist?: boolean;
    /**
     * The completions were sent before, and that sync failed part-way (the workdir became
     * unreachable): their lines may already be in `finished`/`failed`, so look before appending.
     */
    recheck?: boolean;
}
export interface CloseRequest {
    completions?: Completion[];
    stopped?: Array<{
        id: number;
        attempt: number;
    }>;
    /** As in SyncRequest: the completions were sent by a sync that failed part-way. */
    recheck?: boolean;
}
export interface SyncResult {
    claims: Claim[];
    outcomes: Outcome[];
    /** Tasks taken back from farmers whose lease expired. */
    reclaimed: number;
}
