import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { countLines } from '../util/count.js';
import { formatDuration } from '../util/duration.js';
import { resolveHandler } from '../tasklist/handlers.js';
import { resolveRunner } from '../runners/registry.js';
import { defaultLaunchers, type CpuBinding, type ExitInfo, type Launched, type Launcher } from '../runners/launcher.js';
import type { Runner, TaskContext } from '../runners/types.js';
import { isUsageError, oneLine } from '../util/errors.js';
import { cancelTimer, setLongTimeout, type LongTimer } from '../util/long-timer.js';
import { DRAIN_SIGNAL, FARMER_SIGNALS, STOP_SIGNALS } from '../util/signals.js';
import { StaleWorkdirError, Workdir, type Claim, type Completion, type WorkdirOptions } from '../workdir/workdir.js';
import { isUnreachableText } from '../workdir/fs-errors.js';
import { detectFilesystem } from '../workdir/fstype.js';
import { LockWaitAborted } from '../workdir/lock.js';
import { holdPyTaskFarmerLocks, pyTaskFarmerLocks, type PyLock } from '../workdir/pylock.js';
import { FsOutage } from './fs-outage.js';
import { checkNodeSpread } from './node-check.js';
import type { ExitCode, FarmEvent, FarmOptions, FarmResult, StopReason } from './options.js';
import { budgetMessage, budgetSpent, failureBudget, type FailureBudget } from './failure-budget.js';
import { machineProbes, requireTaskset, slurmTimeLeft } from './machine.js';
import { planResources } from './resources.js';
import { findDeadline, WalltimeGuard } from './walltime.js';

const OUR_SIGNALS = new Set<string>(FARMER_SIGNALS);
/** How long a task killed by one of our signals waits for the farmer's own copy (see startTask). */
const SIGNAL_GRACE_MS = 250;
/** After a stop, how long the farmer still waits for a held workdir lock before recording only its own stop. */
const STOP_LOCK_WAIT_MS = 1_000;

interface Running {
  claim: Claim;
  slot: number;
  ctx: TaskContext;
  proc: Launched | undefined;
  start: number;
  timedOut: boolean;
  stopped: boolean;
  timers: Array<NodeJS.Timeout | LongTimer>;
}

/**
 * Runs a tasklist to completion (or until stopped) with N workers, sharing the workdir with any
 * other farmers on it. Resolves with counts and an exit code; throws only UsageError (bad
 * input, nothing changed).
 */
export async function farm(options: FarmOptions): Promise<FarmResult> {
  const f = new Farm(options);
  return f.run();
}

class Farm {
  private readonly o: Required<
    Pick<FarmOptions, 'workers' | 'retries' | 'lease' | 'lockStale' | 'killGrace' | 'fsWait'>
  > &
    FarmOptions;
  private readonly runner: Runner;
  private wd!: Workdir;
  private wdOptions!: WorkdirOptions;
  private readonly slots: Array<Running | null>;
  private completions: Completion[] = [];
  private stoppedAttempts: Array<{ id: number; attempt: number }> = [];
  private syncing = false;
  private syncAgain = false;
  private stopReason: StopReason | undefined;
  private draining = false;
  private finishing = false;
  private fatal: Error | undefined;
  private checkTasklist = false;
  private outage!: FsOutage;
  /** The last sync failed part-way: the next one checks what it had already written. */
  private recheck = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Set on the way to a natural end: the tasklist was checked once more for appended lines. */
  private finalCheck = false;
  /** Ends waits for the workdir lock when a stop comes (a stalled holder must not delay it). */
  private readonly lockAbort = new AbortController();
  /** A stop found the lock held: what is left is recorded by close(), without waiting long. */
  private lockBusy = false;
  /** PyTaskFarmer's flock, held while we run so that a PyTaskFarmer on this workdir waits. */
  private pyLock: PyLock | undefined;
  /** Claimed, not yet started: short tasks are claimed ahead so the lock is taken per batch, not per task. */
  private queue: Claim[] = [];
  /** Recent mean task duration (ms), to decide whether claiming ahead pays. */
  private meanMs = 1_000;
  private flushTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly timers: Array<NodeJS.Timeout | LongTimer> = [];
  private readonly ran = { done: 0, failed: 0, retried: 0, stopped: 0 };
  private readonly started = Date.now();
  private readonly baseEnv: NodeJS.ProcessEnv;
  private launchers: Launcher[] = [];
  /** Per slot: its GPUs and cores, as its tasks see them. */
  private readonly slotEnv: Array<Record<string, string>>;
  /** Per slot: the cores its launcher binds (--cpus-per-worker). */
  private readonly bindings: Array<CpuBinding | undefined>;
  private readonly budget: FailureBudget | undefined;
  private walltime: WalltimeGuard | undefined;
  private drainReason: StopReason = 'drain';
  private walltimeNote = '';
  private resolveDone!: () => void;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  constructor(options: FarmOptions) {
    // Resources first: -n defaults to what they allow, and a shortfall is exit 2 before any write.
    const plan = planResources(options, machineProbes());
    this.budget = failureBudget(options.maxFailures, options.maxFailuresKill);
    this.o = {
      ...options,
      workers: plan.workers ?? options.workers ?? availableParallelism(),
      retries: options.retries ?? 0,
      lease: options.lease ?? 60_000,
      lockStale: options.lockStale ?? 30_000,
      killGrace: options.killGrace ?? 1_000,
      fsWait: options.fsWait ?? 300_000,
    };
    this.runner =
      typeof options.runner === 'object' ? options.runner : resolveRunner(options.runner ?? 'default', options.runners);
    this.slots = new Array<Running | null>(this.o.workers).fill(null);
    this.baseEnv = { ...(options.taskEnv ?? process.env) };
    const taskset = plan.slots.some((s) => s.cpus) ? requireTaskset() : undefined;
    this.slotEnv = this.slots.map((_, i) => plan.slots[i]?.env ?? {});
    this.bindings = this.slots.map((_, i) => {
      const cpus = plan.slots[i]?.cpus;
      return cpus && taskset ? { cpus, taskset } : undefined;
    });
  }

  async run(): Promise<FarmResult> {
    const o = this.o;
    const tasklist = resolve(o.tasklist);
    const handler = typeof o.handler === 'function' ? o.handler : resolveHandler(o.handler ?? 'default', o.handlers);
    this.runner.preflight?.();
    const makeLauncher = o.launchers ?? (await defaultLaunchers());
    this.launchers = this.slots.map((_, i) => makeLauncher(this.baseEnv, this.bindings[i]));
    this.installSignals();
    const dir = resolve(o.workdir ?? `${o.tasklist}_workdir`);
    this.outage = new FsOutage(dir, o.fsWait, (message) => this.emit({ type: 'warning', message }));
    this.wdOptions = {
      dir,
      tasklist,
      handler,
      retries: o.retries,
      lease: o.lease,
      lockStale: o.lockStale,
      workers: o.workers,
      logs: o.logs,
      warn: (message) => this.emit({ type: 'warning', message }),
      signal: this.lockAbort.signal,
    };
    try {
      this.wd = await Workdir.open(this.wdOptions);
    } catch (err) {
      this.removeSignals();
      if (isUsageError(err)) throw err;
      // Stopped while waiting for the lock to start: nothing was claimed or written.
      if (err instanceof LockWaitAborted) return stoppedBeforeStart(dir, this.stopReason, Date.now() - this.started);
      // Disk full, read-only, over quota: nothing could be recorded. Exit 74, as when it happens mid-run.
      return unwritable(dir, err as Error, Date.now() - this.started);
    }
    await this.holdPyLock();
    const st = this.wd.state;
    const filesystem = detectFilesystem(this.wd.paths.dir);
    this.emit({
      type: 'started',
      logs: this.wd.logs,
      workdir: this.wd.paths.dir,
      farmer: this.wd.farmerId,
      workers: o.workers,
      pending: st.count.pending + st.count.claimed,
      finished: this.wd.previous.finished,
      failed: this.wd.previous.failed,
      filesystem,
    });
    const self = this.wd.farmers.get(this.wd.farmerId)?.node ?? '';
    const nodeTimer = checkNodeSpread({
      env: this.baseEnv,
      dir: this.wd.paths.dir,
      fs: filesystem,
      nodes: () => [...this.wd.farmers.values()].map((f) => f.node),
      self,
      warn: (message) => this.emit({ type: 'warning', message }),
      delayMs: (Number(this.baseEnv.TASKFARMER_NODE_CHECK_SECONDS) || 30) * 1000,
    });
    if (nodeTimer) this.timers.push(nodeTimer);

    const done = new Promise<void>((r) => (this.resolveDone = r));
    const tick = Math.min(Math.max(o.lease / 6, 250), 5_000);
    this.timers.push(
      setInterval(() => {
        try {
          this.wd.heartbeat();
        } catch (err) {
          const stop = this.outage.failed(err);
          if (stop) this.fail(stop);
        }
        if (this.idle() > 0 || this.running() === 0) this.requestSync();
      }, tick),
      setInterval(() => (this.checkTasklist = true), 2_000),
    );
    if (o.timeout) this.timers.push(setLongTimeout(() => this.stop('timeout'), o.timeout));
    const deadline =
      o.walltimeGuard === false ? undefined : findDeadline(this.started, o.timeout, process.env, slurmTimeLeft);
    if (deadline) this.walltime = new WalltimeGuard(deadline);
    if (this.stopReason) this.stop(this.stopReason);
    this.checkBudget();
    this.requestSync();
    await done;
    return this.result();
  }

  private async holdPyLock(): Promise<void> {
    const paths = pyTaskFarmerLocks(this.wd.paths.dir);
    this.pyLock = holdPyTaskFarmerLocks(paths);
    let timer: NodeJS.Timeout | undefined;
    const held = await Promise.race([
      this.pyLock.ready,
      new Promise<number>((r) => (timer = setTimeout(() => r(-1), 2_000))),
    ]);
    clearTimeout(timer);
    if (held === -1) {
      this.emit({
        type: 'warning',
        message: `${paths.join(' or ')} stays locked: is a PyTaskFarmer running on this workdir? Stop it: the two must not run together`,
      });
    }
  }

  private emit(e: FarmEvent): void {
    this.o.onEvent?.(e);
  }

  private running(): number {
    return this.slots.reduce((n, s) => n + (s ? 1 : 0), 0);
  }

  private idle(): number {
    return this.slots.length - this.running();
  }

  private requestSync(): void {
    if (this.finishing) return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    setImmediate(() => void this.doSync());
  }

  private async doSync(): Promise<void> {
    this.checkWalltime();
    const completions = this.completions.splice(0);
    const stopped = this.stoppedAttempts.splice(0);
    const accepting = !this.stopReason && !this.draining && !this.fatal;
    const want = accepting ? Math.max(0, this.idle() + this.prefetch() - this.queue.length) : 0;
    if (!accepting) for (const c of this.queue.splice(0)) stopped.push({ id: c.id, attempt: c.attempt });
    const checkTasklist = this.checkTasklist;
    this.checkTasklist = false;
    try {
      if (this.lockBusy && this.stopReason) {
        // Left for close(), which does not wait long for the lock.
        this.completions.unshift(...completions);
        this.stoppedAttempts.unshift(...stopped);
      } else if (this.wd && (completions.length || stopped.length || want > 0 || this.outage.waiting)) {
        const recheck = this.recheck;
        const res = await this.wd.sync({ completions, stopped, want, checkTasklist, recheck });
        if (recheck) this.recheck = false;
        res.outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
        this.queue.push(...res.claims);
        if (res.claims.length) this.finalCheck = false;
        this.checkBudget();
        if (this.outage.waiting) this.afterOutage();
        this.fillSlots();
      }
    } catch (err) {
      if (err instanceof LockWaitAborted) {
        // Not recorded: they stay claimed, and close() requeues them (or others do, by lease).
        this.lockBusy = true;
        this.completions.unshift(...completions);
        this.stoppedAttempts.unshift(...stopped);
      } else if (err instanceof StaleWorkdirError && !this.stopReason && !this.draining) await this.rejoin(err);
      else {
        const stop = this.outage.failed(err);
        if (stop) this.fail(stop);
        // Unreachable for now: keep what was not recorded, and send it again when it answers.
        // (Once given up, it stays claimed: others take it back when our lease expires.)
        if (!this.fatal) {
          this.completions.unshift(...completions);
          this.stoppedAttempts.unshift(...stopped);
          this.recheck = true;
        }
      }
    }
    this.syncing = false;
    if (this.shouldFinish()) {
      void this.finish();
      return;
    }
    if (this.outage.waiting && !this.fatal) {
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = undefined;
        this.requestSync();
      }, 1_000);
      return;
    }
    if (this.syncAgain || this.completions.length || this.stoppedAttempts.length) {
      this.syncAgain = false;
      this.requestSync();
    } else if (this.running() === 0 && this.queue.length === 0 && !this.idleTimer) {
      // Idle while other farmers still hold tasks: look again soon, to take back the tasks
      // of one that dies, or to end promptly when the last one finishes.
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        this.requestSync();
      }, 500);
    }
  }

  /**
   * How many tasks to hold beyond the free slots. Only once tasks have proven short (a running
   * mean under 100 ms, starting from a pessimistic 1 s), where the lock would cost as much as
   * the task: then a worker starts its next task at once and the lock is taken per batch (at
   * least 16 tasks, so farmers with few workers do not queue on the lock). Long tasks are
   * claimed one by one so that no farmer sits on work another could start.
   */
  private prefetch(): number {
    return this.meanMs < 100 ? Math.max(this.slots.length, 16) : 0;
  }

  /**
   * The workdir answers again. A sync that failed part-way may have recorded claims we never
   * received: hand back every claim we hold but do not run, queue or report.
   */
  private afterOutage(): void {
    this.outage.ok();
    const ours = new Set<number>();
    for (const r of this.slots) if (r) ours.add(r.claim.id);
    for (const c of [...this.queue, ...this.completions, ...this.stoppedAttempts]) ours.add(c.id);
    for (const c of this.wd.ownClaims()) if (!ours.has(c.id)) this.stoppedAttempts.push(c);
    if (this.stoppedAttempts.length) this.requestSync();
  }

  private fillSlots(): void {
    if (this.stopReason || this.draining || this.fatal || this.outage.waiting) return;
    if (this.queue.length > 0 && this.idle() > 0 && !this.checkWalltime()) return;
    while (this.queue.length > 0 && this.idle() > 0) this.startTask(this.queue.shift()!);
  }

  /**
   * After a task ends: start the next one from the queue, and record completions now when the
   * queue runs low, else batched within 50 ms.
   */
  private afterExit(): void {
    this.fillSlots();
    const low = this.queue.length <= this.prefetch() / 2 && !this.stopReason && !this.draining;
    if (low || this.running() === 0 || this.completions.length >= this.slots.length || this.stopReason || this.fatal) {
      this.requestSync();
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.requestSync();
      }, 50);
    }
  }

  private shouldFinish(): boolean {
    if (this.running() > 0 || this.queue.length) return false;
    if (this.lockBusy && this.stopReason) return true;
    if (this.completions.length || this.stoppedAttempts.length) return false;
    if (this.stopReason || this.draining || this.fatal) return true;
    const st = this.wd.state;
    if (st.count.pending > 0 || this.wd.othersHoldClaims()) return false;
    // Lines appended to the tasklist in the last moments (since the last 2-second check) are
    // tasks of this farm too: look once more before calling it done.
    if (!this.finalCheck) {
      this.finalCheck = true;
      this.checkTasklist = true;
      this.syncAgain = true;
      return false;
    }
    return true;
  }

  private startTask(claim: Claim): void {
    const slot = this.slots.indexOf(null);
    const start = Date.now();
    const wd = this.wd;
    const ctx: TaskContext = {
      id: claim.id,
      attempt: claim.attempt,
      slot,
      workdir: wd.paths.dir,
      note: (text) => wd.note({ id: claim.id, attempt: claim.attempt, slot, start }, text),
    };
    const r: Running = {
      claim,
      slot,
      ctx,
      proc: undefined,
      start,
      timedOut: false,
      stopped: false,
      timers: [],
    };
    this.slots[slot] = r;
    let exited: Promise<ExitInfo>;
    try {
      const spec = this.runner.command(claim.task, ctx);
      const env = {
        ...spec.env,
        ...this.slotEnv[slot],
        PROC_NUMBER: String(claim.id),
        TASKFARMER_TASK_ID: String(claim.id),
        TASKFARMER_ATTEMPT: String(claim.attempt),
        TASKFARMER_WORKDIR: this.wd.paths.dir,
        TASKFARMER_WORKER: String(slot),
      };
      r.proc = this.launchers[slot].run(spec, wd.logTarget(claim.id, claim.attempt, slot), env);
      exited = r.proc.exited;
    } catch (err) {
      exited = Promise.resolve({ code: null, signal: null, error: oneLine(err) });
    }
    this.emit({ type: 'task-start', id: claim.id, attempt: claim.attempt, task: claim.task, slot });
    if (this.o.taskTimeout) {
      r.timers.push(
        setLongTimeout(() => {
          r.timedOut = true;
          this.killTask(r);
        }, this.o.taskTimeout),
      );
    }
    if (this.stopReason) {
      r.stopped = true;
      this.killTask(r);
    }
    void exited.then((info) => {
      if (!info.signal || !OUR_SIGNALS.has(info.signal) || r.timedOut || r.stopped) return this.onExit(r, info);
      // Slurm sends `--signal=USR1@N`, `scancel --signal` and a cancelled job's TERM to every
      // process of the job step: a task may die of our stop signal just before we handle our own
      // copy. Wait for it a moment, so that such a task is put back rather than failed.
      const settle = () => {
        if (this.stopReason || this.draining) r.stopped = true;
        this.onExit(r, info);
      };
      if (this.stopReason || this.draining) settle();
      else setTimeout(settle, SIGNAL_GRACE_MS);
    });
  }

  private killTask(r: Running): void {
    r.proc?.kill('SIGTERM');
    r.timers.push(setTimeout(() => r.proc?.kill('SIGKILL'), this.o.killGrace));
  }

  private onExit(r: Running, info: ExitInfo): void {
    for (const t of r.timers) cancelTimer(t);
    // Whatever the task left in its process group (background jobs) does not outlive it.
    r.proc?.kill('SIGKILL');
    const ok = info.code === 0 && !r.timedOut && !r.stopped;
    try {
      this.runner.after?.(r.ctx, ok);
    } catch (err) {
      this.emit({ type: 'warning', message: `runner cleanup for task ${r.claim.id}: ${oneLine(err)}` });
    }
    this.slots[r.slot] = null;
    const end = Date.now();
    // A log that could not be opened because the workdir stopped answering: not the task's fault.
    if (info.error && (this.outage.waiting || isUnreachableText(info.error))) r.stopped = true;
    if (r.stopped && !r.timedOut) {
      this.stoppedAttempts.push({ id: r.claim.id, attempt: r.claim.attempt });
      this.ran.stopped++;
      this.emit({
        type: 'task-end',
        id: r.claim.id,
        attempt: r.claim.attempt,
        task: r.claim.task,
        slot: r.slot,
        outcome: 'stopped',
        rc: info.code,
        signal: info.signal,
        timedOut: false,
        durationMs: end - r.start,
        log: this.wd.logFile(r.claim.id, r.slot),
      });
    } else {
      if (info.error) this.emit({ type: 'warning', message: `task ${r.claim.id} could not start: ${info.error}` });
      this.completions.push({
        id: r.claim.id,
        attempt: r.claim.attempt,
        ok,
        rc: info.code,
        signal: info.signal,
        timedOut: r.timedOut,
        start: r.start,
        end,
        slot: r.slot,
        task: r.claim.task,
      });
      this.meanMs = 0.9 * this.meanMs + 0.1 * (end - r.start);
      this.walltime?.observe(end - r.start);
    }
    this.afterExit();
  }

  private reportEnd(c: Completion, outcome: 'done' | 'failed' | 'retry' | 'fenced'): void {
    if (outcome === 'done') this.ran.done++;
    else if (outcome === 'failed') this.ran.failed++;
    else if (outcome === 'retry') this.ran.retried++;
    this.emit({
      type: 'task-end',
      id: c.id,
      attempt: c.attempt,
      task: c.task,
      slot: c.slot,
      outcome,
      rc: c.rc,
      signal: c.signal,
      timedOut: c.timedOut,
      durationMs: c.end - c.start,
      log: this.wd.logFile(c.id, c.slot),
    });
  }

  /** Stop claiming, kill every running task's tree, put them back; a second request kills at once. */
  stop(reason: StopReason): void {
    if (this.stopReason) {
      for (const r of this.slots) r?.proc?.kill('SIGKILL');
      return;
    }
    this.stopReason = reason;
    this.lockAbort.abort();
    if (!this.wd) return;
    for (const c of this.queue.splice(0)) this.stoppedAttempts.push({ id: c.id, attempt: c.attempt });
    this.emit({ type: 'stopping', reason });
    for (const r of this.slots) {
      if (!r) continue;
      r.stopped = true;
      this.killTask(r);
    }
    this.requestSync();
  }

  /** No new tasks; running ones finish. */
  drain(reason: StopReason = 'drain'): void {
    if (this.draining || this.stopReason) return;
    this.draining = true;
    this.drainReason = reason;
    for (const c of this.queue.splice(0)) this.stoppedAttempts.push({ id: c.id, attempt: c.attempt });
    this.emit({ type: 'stopping', reason });
    this.requestSync();
  }

  /** --max-failures: once the workdir's final failures reach it, no more claims (and with kill, no more running). */
  private checkBudget(): void {
    if (this.stopReason || this.draining || !budgetSpent(this.budget, this.wd.state.count.failed)) return;
    if (this.budget!.kill) this.stop('max-failures');
    else this.drain('max-failures');
  }

  /** False (and draining) once a task started now is expected to outlive the farmer's deadline. */
  private checkWalltime(): boolean {
    const now = Date.now();
    if (!this.walltime || this.stopReason || this.draining || this.walltime.fits(now)) return true;
    const s = (ms: number) => formatDuration(Math.max(0, ms));
    this.walltimeNote = `stopped claiming ${s(this.walltime.deadline - now)} before the time limit: tasks take up to ${s(this.walltime.p90()!)} (p90)`;
    this.drain('walltime');
    return false;
  }

  /**
   * Another farmer compacted the workdir while this one was presumed dead (silent longer than
   * the lease: stopped, suspended, cut off from the filesystem). Our claims went to others and
   * our journal to history, so what we still run would be fenced: stop it, forget our queue,
   * and join again as a new farmer, as if just started.
   */
  private async rejoin(err: StaleWorkdirError): Promise<void> {
    const running = this.slots.filter((r) => r !== null);
    this.emit({
      type: 'warning',
      message: `${err.message}; stopping its ${running.length} running task(s) and joining again`,
    });
    for (const r of running) {
      r.stopped = true;
      this.killTask(r);
    }
    this.queue = [];
    this.completions = [];
    this.stoppedAttempts = [];
    try {
      this.wd = await Workdir.open(this.wdOptions);
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /** The workdir could not be written: stop everything, exit 74. */
  private fail(err: Error): void {
    if (this.fatal) return;
    this.fatal = err;
    for (const r of this.slots) {
      if (!r) continue;
      r.stopped = true;
      this.killTask(r);
    }
  }

  private async finish(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    for (const t of this.timers) cancelTimer(t);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      const completions = this.completions.splice(0);
      const outcomes = await this.wd.close(
        { completions, stopped: this.stoppedAttempts.splice(0), recheck: this.recheck },
        this.stopReason ? STOP_LOCK_WAIT_MS : undefined,
      );
      outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
    } catch (err) {
      if (!this.fatal) this.fatal = err as Error;
    }
    for (const l of this.launchers) l.close();
    this.pyLock?.release();
    this.removeSignals();
    this.resolveDone();
  }

  private result(): FarmResult {
    const st = this.wd.state;
    const finished = countLines(this.wd.paths.finished);
    const failed = countLines(this.wd.paths.failed);
    const remaining = st.count.pending + st.count.claimed;
    // Tasks left (stopped early, or handed back at the very end by a farmer that died): run again.
    const stopReason = this.stopReason ?? (this.draining ? this.drainReason : undefined);
    let exitCode: ExitCode = failed > 0 ? 1 : 0;
    if (remaining > 0) exitCode = 75;
    // Given up on purpose: run again only after looking at the failures (`taskfarmer requeue`).
    if (stopReason === 'max-failures') exitCode = 1;
    // A workdir that names a command not in the tasklist (changed while we ran) is bad input.
    if (this.fatal) exitCode = isUsageError(this.fatal) ? 2 : 74;
    return {
      exitCode,
      status: remaining > 0 || this.fatal ? 'incomplete' : failed > 0 ? 'failed' : 'complete',
      stopReason,
      note: this.note(stopReason, remaining),
      workdir: this.wd.paths.dir,
      farmer: this.wd.farmerId,
      total: finished + failed + remaining,
      finished,
      failed,
      remaining,
      ran: { ...this.ran },
      durationMs: Date.now() - this.started,
      error: this.fatal ? workdirError(this.wd.paths.dir, this.fatal) : undefined,
    };
  }

  private note(reason: StopReason | undefined, left: number): string | undefined {
    if (reason === 'max-failures') return budgetMessage(this.budget!, this.wd.state.count.failed, left);
    if (reason === 'walltime') return `${this.walltimeNote}; ${left} left in toprocess`;
    return undefined;
  }

  private installSignals(): void {
    // A library caller that handles signals itself still stops the farm through its AbortSignal.
    this.o.signal?.addEventListener('abort', () => this.stop('abort'), { once: true });
    if (this.o.handleSignals === false) return;
    for (const sig of STOP_SIGNALS) this.handlers.set(sig, () => this.stop(`signal:${sig}`));
    this.handlers.set(DRAIN_SIGNAL, () => this.drain());
    for (const [sig, h] of this.handlers) process.on(sig, h);
  }

  private removeSignals(): void {
    for (const [sig, h] of this.handlers) process.off(sig, h);
    this.handlers.clear();
  }
}

/** The error of a workdir that cannot be written; system errors (ENOSPC, EROFS…) name no file, so we do. */
function workdirError(dir: string, err: Error): string {
  return (err as NodeJS.ErrnoException).code ? `cannot record state in workdir ${dir}: ${oneLine(err)}` : oneLine(err);
}

function stoppedBeforeStart(dir: string, reason: StopReason | undefined, durationMs: number): FarmResult {
  return { ...unwritable(dir, new Error(''), durationMs), exitCode: 75, stopReason: reason, error: undefined };
}

function unwritable(dir: string, err: Error, durationMs: number): FarmResult {
  return {
    exitCode: 74,
    status: 'incomplete',
    workdir: dir,
    farmer: '',
    total: 0,
    finished: 0,
    failed: 0,
    remaining: 0,
    ran: { done: 0, failed: 0, retried: 0, stopped: 0 },
    durationMs,
    error: workdirError(dir, err),
  };
}
