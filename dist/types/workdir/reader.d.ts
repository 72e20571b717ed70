import { type JournalRecord } from './journal.js';
import { type FileSnapshot } from './files.js';
import { type Layout } from './layout.js';
import { TaskState } from './state.js';
/**
 * Without a meta.json (a workdir PyTaskFarmer made), ids above this are corruption. Below it,
 * an id beyond the tasklist is one a tasklist could have: a record giving it a command (`add`,
 * `rerun`) is handed to `foreign` (the farmer refuses it: only the tasklist's commands run).
 */
export declare const NO_META_LIMIT: number;
/** What the journals tell about one farmer. */
export interface FarmerInfo {
    /** Journal file stem: `<host>-<pid>-<random>`. */
    id: string;
    index: number;
    host: string;
    /** Its node: the Slurm node name if it gave one, else its host. */
    node: string;
    boot: string;
    /** Its pid namespace ('' when its hello did not say). */
    pidNamespace: string;
    pid: number;
    workers: number;
    /** Its lease (ms): how long it may stay silent before its claims are taken back. */
    lease: number;
    started: number;
    /** Its own clock at its last record. */
    lastTs: number;
    /** Our clock when we last saw its journal grow (immune to clock skew between nodes). */
    lastSeen: number;
    bye: boolean;
    /** Sizes of finished/failed when it made each claim it may still hold (see the claim record). */
    claimedAt: Map<number, {
        finishedSize: number;
        failedSize: number;
    }>;
}
export interface ReaderOptions {
    /** Told once about records that are skipped (not a record we know, or ids outside the tasklist). */
    warn?: (msg: string) => void;
    /** One past the highest valid task id when the workdir has no meta.json yet. */
    limit?: number;
    /** Our clock minus the filesystem's (file mtimes), measured on our own writes. */
    clockOffset?: number;
    /**
     * Told of a record that gives a command to an id beyond the tasklist (below NO_META_LIMIT),
     * instead of the warning: the record is skipped either way.
     */
    foreign?: (id: number, task: string, file: string) => void;
}
/**
 * Folds `toprocess` and every journal into a TaskState, and then, on each poll(), only the
 * bytes the journals gained since: O(changes), not O(tasks). Read-only: `status` uses it on a
 * running farm, and a farmer uses it under the lock.
 */
export declare class Reader {
    readonly paths: Layout;
    readonly opts: ReaderOptions;
    readonly state: TaskState;
    readonly farmers: Map<string, FarmerInfo>;
    private readonly offsets;
    private limitCache;
    private warnedBad;
    /** Farmers whose clock was found to differ from the filesystem's (reported once each). */
    readonly skewed: Map<string, number>;
    constructor(paths: Layout, opts?: ReaderOptions);
    /** One past the highest task id of the tasklist: meta.json's count (read again when a record goes beyond it). */
    private limit;
    /** Drops records that do not validate, warning once per reader. */
    private valid;
    /**
     * Loads the base from `toprocess` (ascending ids, as PyTaskFarmer writes it). `read` is the
     * file as read (and validated) before, used if the file did not change since: a million
     * tasks' toprocess is not held twice.
     */
    loadBase(read?: FileSnapshot): void;
    /** How many bytes of a farmer's journal were read. */
    offsetOf(id: string): number;
    /** Reads what every journal gained since the last poll. `self` is skipped: its writer applies its own records. */
    poll(self?: string): void;
    /** The farmer record for an id, created on first sight. */
    farmer(id: string): FarmerInfo;
    /** Folds records written by farmer `id` (its own, or read from its journal). */
    apply(f: FarmerInfo, records: JournalRecord[]): void;
    private readJournal;
}
/** A farmer whose clock differs from the filesystem's by more than this is reported. */
export declare const SKEW_REPORT_MS = 5000;
/**
 * Gone: said bye, never said hello, or its process is dead (same kernel, host and pid
 * namespace, so the pid means the same process to us), or its journal has not grown for
 * longer than its lease. A farmer in another pid namespace (a container, `unshare --pid`)
 * has pids that mean other processes here: only its lease tells.
 */
export declare function farmerGone(f: FarmerInfo, now: number, defaultLease: number): boolean;
/** True when a farmer's pid names a process we can see under the same number. */
export declare function samePidSpace(f: Pick<FarmerInfo, 'boot' | 'host' | 'pidNamespace'>): boolean;
/** A read-only Reader on an existing workdir with `toprocess` loaded, or a UsageError saying what is wrong. */
export declare function readerFor(workdir: string): Reader;
/** The layout of an existing workdir, or a UsageError saying why `workdir` is none. */
export declare function workdirLayout(workdir: string): Layout;
