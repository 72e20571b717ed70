import { type JournalRecord } from './journal.js';
import { type FileSnapshot } from './files.js';
import { type Layout } from './layout.js';
import { TaskState } from './state.js';
/** What the journals tell about one farmer. */
export interface FarmerInfo {
    /** Journal file stem: `<host>-<pid>-<random>`. */
    id: string;
    index: number;
    host: string;
    /** Its node: the Slurm node name if it gave one, else its host. */
    node: string;
    boot: string;
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
}
/**
 * Folds `toprocess` and every journal into a TaskState, and then, on each poll(), only the
 * bytes the journals gained since: O(changes), not O(tasks). Read-only: `status` uses it on a
 * running farm, and a farmer uses it under the lock.
 */
export declare class Reader {
    readonly l: Layout;
    readonly state: TaskState;
    readonly farmers: Map<string, FarmerInfo>;
    private readonly offsets;
    constructor(l: Layout);
    /**
     * Loads the base from `toprocess` (ascending ids, as PyTaskFarmer writes it). `read` is the
     * file as read (and validated) before, used if the file did not change since: a million
     * tasks' toprocess is not held twice.
     */
    loadBase(read?: FileSnapshot): void;
    /** Reads what every journal gained since the last poll. `self` is skipped: its writer applies its own records. */
    poll(self?: string): void;
    /** The farmer record for an id, created on first sight. */
    farmer(id: string): FarmerInfo;
    /** Folds records written by farmer `id` (its own, or read from its journal). */
    apply(f: FarmerInfo, records: JournalRecord[]): void;
    private readJournal;
}
/**
 * Gone: said bye, never said hello, or its process is dead (same kernel and host, so the pid is
 * ours to check), or its journal has not grown for longer than its lease.
 */
export declare function farmerGone(f: FarmerInfo, now: number, defaultLease: number): boolean;
/** A read-only Reader on an existing workdir with `toprocess` loaded, or a UsageError saying what is wrong. */
export declare function readerFor(workdir: string): Reader;
/** The layout of an existing workdir, or a UsageError saying why `workdir` is none. */
export declare function workdirLayout(workdir: string): Layout;
