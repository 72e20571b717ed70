import { type TasklistHandler } from '../tasklist/handlers.js';
import { type Layout } from './layout.js';
import { type FarmerInfo } from './reader.js';
import { type LogMode, type LogTarget } from './tasklog.js';
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
/** Thrown when another farmer compacted the workdir while this one was presumed dead. */
export declare class StaleWorkdirError extends Error {
}
/**
 * The on-disk protocol from a farmer's side: opening (create, adopt, recover), claiming and
 * recording under the lock, heartbeats, and the compaction that leaves a PyTaskFarmer-readable
 * workdir at rest. Only this folder knows the protocol's file names.
 */
export declare class Workdir {
    private readonly o;
    /** The tasklist's commands by id: the only ones this farmer runs. */
    private readonly trusted;
    private readonly limit?;
    readonly l: Layout;
    readonly farmerId: string;
    private reader;
    private self;
    private ownOffset;
    /** An append to our journal failed: it may have left part of its bytes (see repairOwnJournal). */
    private ownDirty;
    /** The lock's fence while a locked section runs: every write checks it. */
    private fence;
    /** The lock was taken from us mid-section: what we read may be stale, read it all again. */
    private resync;
    /** Attempts handed to the farm and not yet ended: id → attempt. */
    private readonly held;
    /** Outcomes whose journal records were written in a section that then lost the lock. */
    private readonly recorded;
    /** Completions whose finished/failed lines may have been written when the lock was lost. */
    private inDoubt;
    /** Our clock minus the filesystem's, from our own journal's mtime. */
    private clockOffset;
    /** What is wrong with a journal record that gave a task outside the tasklist a command. */
    private foreign;
    /** Tasks finished/failed before this farmer started (from the files). */
    readonly previous: {
        finished: number;
        failed: number;
    };
    private constructor();
    get logs(): LogMode;
    private newReader;
    /**
     * A record read since that gives a command to a task the tasklist does not have (someone
     * else wrote it into a journal): the farm stops rather than run it.
     */
    private refuseForeign;
    get state(): import("./state.js").TaskState;
    get farmers(): ReadonlyMap<string, FarmerInfo>;
    /** How the launcher writes an attempt's output. */
    logTarget(id: number, attempt: number, slot: number): LogTarget;
    /** The file that holds an attempt's output ('' when output is discarded). */
    logFile(id: number, slot: number): string;
    /** Text added to an attempt's output once it ended (a runner's note). */
    note(at: {
        id: number;
        attempt: number;
        slot: number;
        start: number;
    }, text: string): void;
    /**
     * Validates everything first (nothing is written when a UsageError is thrown), then, under
     * the lock: creates or adopts the workdir, recovers what crashed farmers left, and registers.
     */
    static open(o: WorkdirOptions): Promise<Workdir>;
    private lockOptions;
    private inSection;
    /**
     * Runs `fn` under the lock. If the lock turns out taken from us (we stalled past
     * --lock-stale and another farmer went on), nothing more was written: we read the whole
     * workdir again and run the section again, so that no decision rests on what we read before.
     */
    private locked;
    /**
     * Forgets what we read and folds the workdir again from the files, our own journal
     * included. Claims our journal holds that the farm does not run (made in a section that
     * then lost the lock) are put back.
     */
    private rebuild;
    /** Runs under the lock at start-up. */
    private start;
    /**
     * Compares our clock with the filesystem's (our journal's mtime, just written): leases and
     * lock staleness compare times across nodes, so a large skew is reported, once.
     */
    private measureClock;
    /** Farmers whose clock is off: reported once each, and judged by when their journal grows, not by their timestamps. */
    private reportSkew;
    /** Claims, completions and requeues in one short locked section. */
    sync(req: SyncRequest): Promise<SyncResult>;
    private syncLocked;
    /** Outcomes now in our journal: a retried section reports them instead of recording again. */
    private remember;
    /** A heartbeat: an append to our own journal, no lock needed (nobody else writes it). */
    heartbeat(): void;
    /**
     * True while another farmer holds claims. Alive, it may still finish them or hand them back;
     * gone, our next sync takes them back into the pool. Either way the work is not over. (Asking
     * only about live farmers let a farmer that died just after our sync look like "nothing
     * left": we ended with exit 0 and its tasks back in toprocess, unrun.)
     */
    othersHoldClaims(): boolean;
    /**
     * Leaves the workdir: records what ended and what was stopped, says bye, and when no other
     * farmer is alive, compacts it so that `toprocess` holds exactly the tasks not done, as
     * PyTaskFarmer expects at rest. With `maxWait` (a stop), a lock that stays held longer (its
     * holder stalled) is not waited for: see leaveWithoutLock().
     */
    close(what: CloseRequest | Array<{
        id: number;
        attempt: number;
    }>, maxWait?: number): Promise<Outcome[]>;
    private closeLocked;
    /**
     * A stop while another farmer holds the lock and does not let go: we write, to our own
     * journal only (no lock needed: nobody else writes it, as with heartbeats), that our
     * attempts go back to the pool, and bye. These records are valid whatever others did
     * meanwhile (a requeue only releases the attempt it names). Results not yet recorded are
     * among them: those tasks run again. The next farmer, or compaction, does the rest.
     */
    private leaveWithoutLock;
    private isGone;
    /**
     * Takes back the claims of a gone farmer. A claim whose task already reached `finished` or
     * `failed` (the farmer died between writing the line and its journal record) is completed,
     * not requeued, so no task is recorded twice: the files are searched from where they ended
     * when it claimed. A task whose farmers were lost LOST_CAP times is failed (its `failed`
     * line is returned, to be written before the records).
     */
    private takeBack;
    /** New tasks from lines appended to the tasklist. Under the lock. */
    private checkTasklist;
    /**
     * `add` records for the lines appended to the tasklist, and the meta that counts them, to be
     * written only after the records are in the journal (else a crash in between loses the tasks).
     */
    private appendedTasks;
    /** Tasks of the tasklist found in none of toprocess, finished, failed: PyTaskFarmer lost them. */
    private recoverLost;
    /**
     * Rewrites `toprocess` as the tasks not done and moves the journals to history. Only when no
     * other farmer is alive. Replaying the old journals over the new `toprocess` (a crash right
     * after the rename) changes nothing, so the two steps need no commit record. Then the attempt
     * numbers and failed attempts of the tasks left replace `carry.jsonl`: replaying the old
     * journals over the old carry file is right too, and a crash just before the new one is
     * written only forgets them (their numbering and retries start again).
     */
    private compact;
    /** Appends our records to our journal and folds them into our state. */
    private write;
    private append;
    /**
     * After a failed append (the filesystem went away mid-write), our journal may hold some of
     * those records, the last one perhaps torn. Fold in the complete ones (the state must say what
     * the others will read) and end the torn line, so that our next record is not glued to it.
     */
    private repairOwnJournal;
    /** Ids in the tails of `finished` and `failed`: lines a failed sync may have written. */
    private recordedIds;
    /** The attempts this farmer holds according to the journals (what it should be running). */
    ownClaims(): Array<{
        id: number;
        attempt: number;
    }>;
    private checkOwnJournal;
    private traceEvent;
    /** A sample of the counter tracks under this farmer: its running tasks, and the workdir's. O(1). */
    private counterEvent;
    /** Perfetto track names: one process per farmer (host and pid), one thread per worker slot. */
    private trackNames;
}
