import { type Workdir } from '../workdir/workdir.js';
import type { ClaimPolicy } from './claim-policy.js';
import type { FsOutage } from './fs-outage.js';
import type { Limits } from './limits.js';
import type { FarmEvent, FarmResult } from './options.js';
import { type Phase, type PhaseEvent } from './phase.js';
import { type AttemptEnd, type Supervisor } from './supervise.js';
/** What the loop needs of its farmer. */
export interface LoopHost {
    attempts: Supervisor;
    policy: ClaimPolicy;
    limits: Limits;
    outage: FsOutage;
    /** What this farmer itself ran, counted here. */
    ran: FarmResult['ran'];
    phase(): Phase;
    apply(event: PhaseEvent): void;
    emit(e: FarmEvent): void;
    /** Opens the workdir again, as a new farmer. */
    reopen(): Promise<Workdir>;
    /** The workdir is closed (or could not be): the farmer releases the rest and returns. */
    closed(): void;
}
/**
 * The sync loop. Each round takes the workdir lock once: it records the attempts that ended
 * (completions) and those put back (stopped), claims what the free slots and the claim-ahead
 * want, and starts what it claimed. Rounds run one at a time, on demand (an attempt ended, a
 * stop) and on a heartbeat; when nothing is left to run or record, the loop closes the workdir.
 */
export declare class SyncLoop {
    private current;
    private readonly host;
    private readonly held;
    private started;
    private readonly rounds;
    private checkTasklist;
    /** The last sync failed part-way: the next one checks what it had already written. */
    private recheck;
    /** Set on the way to a natural end: the tasklist was checked once more for appended lines. */
    private finalCheck;
    /** A stop found the lock held: what is left is recorded by close(), without waiting long. */
    private lockBusy;
    constructor(current: Workdir, host: LoopHost);
    /** The farmer's workdir (a rejoin replaces it). */
    get wd(): Workdir;
    /** The first round; rounds are asked for from now on. */
    start(): void;
    /** The next round also looks for lines appended to the tasklist (every 2 s). */
    lookAtTasklist(): void;
    /** Claimed ahead but not started: back to the pool (a drain or stop). */
    handBack(): void;
    /** A round as soon as the current one (if any) is over. */
    requestSync(): void;
    /** One round of the loop: record what ended and what was stopped, claim what is wanted, start it. */
    private doSync;
    /**
     * The workdir answers again. A sync that failed part-way may have recorded claims we never
     * received: hand back every claim we hold but do not run, queue or report.
     */
    private afterOutage;
    private fillSlots;
    /** An attempt ended: note it for the next sync, then go on. */
    ended(end: AttemptEnd): void;
    /**
     * After a task ends: start the next one from the queue, and record completions now when the
     * queue runs low (or the farmer stops), else batched (ClaimPolicy.flushMs).
     */
    private afterExit;
    private shouldFinish;
    private reportEnd;
    /** --max-failures: once the workdir's final failures reach it, no more claims (and with kill, no more running). */
    private checkBudget;
    /** False (and draining) once a task started now is expected to outlive the farmer's deadline. */
    private checkWalltime;
    /**
     * Another farmer compacted the workdir while this one was presumed dead (silent longer than
     * the lease: stopped, suspended, cut off from the filesystem). Our claims went to others and
     * our journal to history, so what we still run would be fenced: stop it, forget our queue,
     * and join again as a new farmer, as if just started.
     */
    private rejoin;
    private close;
}
