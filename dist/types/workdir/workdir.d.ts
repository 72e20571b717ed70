import { type Layout } from './layout.js';
import { type FarmerInfo } from './reader.js';
import { type LogMode, type LogTarget } from './tasklog.js';
import type { CloseRequest, Outcome, SyncRequest, SyncResult, WorkdirOptions } from './workdir-types.js';
export type * from './workdir-types.js';
export { StaleWorkdirError } from './own-journal.js';
/**
 * The on-disk protocol from a farmer's side: opening (create, adopt, recover), the locked sync
 * that records what ended and claims what runs next, heartbeats, and leaving, with the
 * compaction that brings the workdir to rest for PyTaskFarmer. Only this folder knows the
 * protocol's file names; each job this class calls on has a file of its own (the map is in
 * docs/architecture.md).
 */
export declare class Workdir {
    private readonly options;
    /** The tasklist's commands by id: the only ones this farmer runs. */
    private readonly trusted;
    private readonly limit?;
    readonly paths: Layout;
    readonly farmerId: string;
    private reader;
    private self;
    private readonly journal;
    private readonly sections;
    /** Where a finished/failed line may be already (never written twice). */
    private readonly lines;
    /** Attempts handed to the farm, and outcomes recorded by a section that lost the lock. */
    private readonly attempts;
    /** Our clock minus the filesystem's, from our own journal's mtime. */
    private clockOffset;
    /** Records read that gave a task a command the tasklist does not have: refused at the next check. */
    private readonly foreign;
    /** Tasks finished/failed before this farmer started (from the files). */
    readonly previous: {
        finished: number;
        failed: number;
    };
    private constructor();
    get logs(): LogMode;
    private newReader;
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
    static open(options: WorkdirOptions): Promise<Workdir>;
    /** The lock's fence while a locked section runs (see LockedSections): every write checks it. */
    private get fence();
    /**
     * Forgets what we read and folds the workdir again from the files, our own journal
     * included. Claims our journal holds that the farm does not run (made in a section that
     * then lost the lock) are put back.
     */
    private rebuild;
    /** Runs under the lock at start-up, with the inputs checked and read by open(). */
    private start;
    /** Claims, completions and requeues in one short locked section. */
    sync(req: SyncRequest): Promise<SyncResult>;
    private syncLocked;
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
    private compact;
    /** Appends our records to our journal and folds them into our state. */
    private write;
    /** See OwnJournal.repair: what a failed append left is folded into our state. */
    private repairOwnJournal;
    /** Repairs our journal, then checks that it is still ours (StaleWorkdirError: rejoin). */
    private checkOwnJournal;
    /** The attempts this farmer holds according to the journals (what it should be running). */
    ownClaims(): Array<{
        id: number;
        attempt: number;
    }>;
}
