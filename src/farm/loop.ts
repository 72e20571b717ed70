import { LockWaitAborted } from '../workdir/lock.js';
import { StaleWorkdirError, type Completion, type Outcome, type Workdir } from '../workdir/workdir.js';
import type { ClaimPolicy } from './claim-policy.js';
import type { FsOutage } from './fs-outage.js';
import { Holdings } from './holdings.js';
import type { Limits } from './limits.js';
import { Rounds } from './rounds.js';
import type { FarmEvent, FarmResult } from './options.js';
import { accepting, failure, stopAsked, type Phase, type PhaseEvent } from './phase.js';
import { taskEnd, type AttemptEnd, type Supervisor } from './supervise.js';

/** After a stop, how long the farmer still waits for a held workdir lock before recording only its own stop. */
const STOP_LOCK_WAIT_MS = 1_000;

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
export class SyncLoop {
  private readonly held = new Holdings();
  private started = false;
  private readonly rounds = new Rounds<'retry' | 'flush' | 'idle'>(
    () => this.doSync(this.current),
    // Not before start (the farmer still announces itself), nor once closing.
    () => this.started && this.host.phase().name !== 'done',
  );
  private checkTasklist = false;
  /** The last sync failed part-way: the next one checks what it had already written. */
  private recheck = false;
  /** Set on the way to a natural end: the tasklist was checked once more for appended lines. */
  private finalCheck = false;
  /** A stop found the lock held: what is left is recorded by close(), without waiting long. */
  private lockBusy = false;

  constructor(
    private current: Workdir,
    private readonly host: LoopHost,
  ) {}

  /** The farmer's workdir (a rejoin replaces it). */
  get wd(): Workdir {
    return this.current;
  }

  /** The first round; rounds are asked for from now on. */
  start(): void {
    this.started = true;
    this.checkBudget();
    this.requestSync();
  }

  /** The next round also looks for lines appended to the tasklist (every 2 s). */
  lookAtTasklist(): void {
    this.checkTasklist = true;
  }

  /** Claimed ahead but not started: back to the pool (a drain or stop). */
  handBack(): void {
    this.held.handBack();
  }

  /** A round as soon as the current one (if any) is over. */
  requestSync(): void {
    this.rounds.request();
  }

  /** One round of the loop: record what ended and what was stopped, claim what is wanted, start it. */
  private async doSync(wd: Workdir): Promise<void> {
    this.checkWalltime();
    const open = accepting(this.host.phase());
    const want = open ? this.host.policy.want(this.host.attempts.idle(), this.held.queued) : 0;
    if (!open) this.held.handBack();
    const batch = this.held.take();
    const { completions, stopped } = batch;
    const checkTasklist = this.checkTasklist;
    this.checkTasklist = false;
    try {
      if (this.lockBusy && stopAsked(this.host.phase())) {
        // Left for close(), which does not wait long for the lock.
        this.held.putBack(batch);
      } else if (completions.length || stopped.length || want > 0 || this.host.outage.waiting) {
        const recheck = this.recheck;
        const began = Date.now();
        const res = await wd.sync({ completions, stopped, want, checkTasklist, recheck });
        this.host.policy.observeSync(Date.now() - began);
        if (recheck) this.recheck = false;
        res.outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
        this.held.claimed(res.claims);
        if (res.claims.length) this.finalCheck = false;
        this.checkBudget();
        if (this.host.outage.waiting) this.afterOutage(wd);
        this.fillSlots();
      }
    } catch (err) {
      if (err instanceof LockWaitAborted) {
        // Not recorded: they stay claimed, and close() requeues them (or others do, by lease).
        this.lockBusy = true;
        this.held.putBack(batch);
      } else if (err instanceof StaleWorkdirError && accepting(this.host.phase())) await this.rejoin(err);
      else {
        const stop = this.host.outage.failed(err);
        if (stop) this.host.apply({ type: 'fail', error: stop });
        // Unreachable for now: keep what was not recorded, and send it again when it answers.
        // (Once given up, it stays claimed: others take it back when our lease expires.)
        if (!failure(this.host.phase())) {
          this.held.putBack(batch);
          this.recheck = true;
        }
      }
    }
    this.rounds.done();
    if (this.shouldFinish()) {
      void this.close();
      return;
    }
    if (this.host.outage.waiting && !failure(this.host.phase())) return this.rounds.soon('retry', 1_000);
    if (this.rounds.takeAgain() || this.held.unrecorded) this.requestSync();
    else if (this.host.attempts.running() === 0 && this.held.queued === 0) {
      // Idle while other farmers still hold tasks: look again soon, to take back the tasks
      // of one that dies, or to end promptly when the last one finishes.
      this.rounds.soon('idle', 500);
    }
  }

  /**
   * The workdir answers again. A sync that failed part-way may have recorded claims we never
   * received: hand back every claim we hold but do not run, queue or report.
   */
  private afterOutage(wd: Workdir): void {
    this.host.outage.ok();
    const ours = this.held.ids();
    for (const id of this.host.attempts.ids()) ours.add(id);
    for (const c of wd.ownClaims()) if (!ours.has(c.id)) this.held.putBackLater(c);
    if (this.held.unrecorded) this.requestSync();
  }

  private fillSlots(): void {
    if (!accepting(this.host.phase()) || this.host.outage.waiting) return;
    if (this.held.queued > 0 && this.host.attempts.idle() > 0 && !this.checkWalltime()) return;
    while (this.held.queued > 0 && this.host.attempts.idle() > 0)
      this.host.attempts.start(this.held.next()!, this.current);
  }

  /** An attempt ended: note it for the next sync, then go on. */
  ended(end: AttemptEnd): void {
    if ('stopped' in end) {
      this.held.putBackLater(end.stopped);
      this.host.ran.stopped++;
    } else {
      const c = end.completion;
      this.held.complete(c);
      this.host.policy.observe(c.end - c.start);
      this.host.limits.observe(c.end - c.start);
    }
    this.afterExit();
  }

  /**
   * After a task ends: start the next one from the queue, and record completions now when the
   * queue runs low (or the farmer stops), else batched (ClaimPolicy.flushMs).
   */
  private afterExit(): void {
    this.fillSlots();
    const low = accepting(this.host.phase()) && this.host.policy.low(this.held.queued);
    const ending = this.host.phase().name === 'stopping' || this.host.phase().name === 'failed';
    if (low || ending || this.host.attempts.running() === 0 || this.held.ended >= this.host.attempts.size) {
      this.requestSync();
    } else this.rounds.soon('flush', this.host.policy.flushMs());
  }

  private shouldFinish(): boolean {
    if (this.host.attempts.running() > 0 || this.held.queued) return false;
    if (this.lockBusy && stopAsked(this.host.phase())) return true;
    if (this.held.unrecorded) return false;
    if (!accepting(this.host.phase())) return true;
    const wd = this.current;
    if (wd.state.count.pending > 0 || wd.othersHoldClaims()) return false;
    // Lines appended to the tasklist in the last moments (since the last 2-second check) are
    // tasks of this farm too: look once more before calling it done.
    if (!this.finalCheck) {
      this.finalCheck = true;
      this.checkTasklist = true;
      this.rounds.askAgain();
      return false;
    }
    return true;
  }

  private reportEnd(c: Completion, outcome: Outcome): void {
    if (outcome === 'done') this.host.ran.done++;
    else if (outcome === 'failed') this.host.ran.failed++;
    else if (outcome === 'retry') this.host.ran.retried++;
    this.host.emit(taskEnd(c, outcome, this.current.logFile(c.id, c.slot)));
  }

  /** --max-failures: once the workdir's final failures reach it, no more claims (and with kill, no more running). */
  private checkBudget(): void {
    const event = accepting(this.host.phase()) ? this.host.limits.failures(this.current.state.count.failed) : undefined;
    if (event) this.host.apply(event);
  }

  /** False (and draining) once a task started now is expected to outlive the farmer's deadline. */
  private checkWalltime(): boolean {
    const event = accepting(this.host.phase()) ? this.host.limits.deadline(Date.now()) : undefined;
    if (event) this.host.apply(event);
    return !event;
  }

  /**
   * Another farmer compacted the workdir while this one was presumed dead (silent longer than
   * the lease: stopped, suspended, cut off from the filesystem). Our claims went to others and
   * our journal to history, so what we still run would be fenced: stop it, forget our queue,
   * and join again as a new farmer, as if just started.
   */
  private async rejoin(err: StaleWorkdirError): Promise<void> {
    this.host.emit({
      type: 'warning',
      message: `${err.message}; stopping its ${this.host.attempts.running()} running task(s) and joining again`,
    });
    this.host.attempts.stopAll();
    this.held.forget();
    try {
      this.current = await this.host.reopen();
    } catch (e) {
      this.host.apply({ type: 'fail', error: e as Error });
    }
  }

  private async close(): Promise<void> {
    if (this.host.phase().name === 'done') return;
    const stopping = stopAsked(this.host.phase());
    this.host.apply({ type: 'close' });
    this.rounds.cancel();
    try {
      const { completions, stopped } = this.held.take();
      const outcomes = await this.current.close(
        { completions, stopped, recheck: this.recheck },
        stopping ? STOP_LOCK_WAIT_MS : undefined,
      );
      outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
    } catch (err) {
      this.host.apply({ type: 'fail', error: err as Error });
    }
    this.host.closed();
  }
}
