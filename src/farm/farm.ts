import { resolve } from 'node:path';
import { resolveHandler } from '../tasklist/handlers.js';
import { defaultLaunchers } from '../runners/launcher.js';
import { isUsageError } from '../util/errors.js';
import { cancelTimer, setLongTimeout, type LongTimer } from '../util/long-timer.js';
import { Workdir, type WorkdirOptions } from '../workdir/workdir.js';
import { LockWaitAborted } from '../workdir/lock.js';
import type { PyLock } from '../workdir/pylock.js';
import { ClaimPolicy } from './claim-policy.js';
import { FsOutage } from './fs-outage.js';
import { Limits } from './limits.js';
import { slurmTimeLeft } from './machine.js';
import type { FarmEvent, FarmOptions, FarmResult, StopReason } from './options.js';
import { accepting, endReason, next, type Phase, type PhaseEvent } from './phase.js';
import { farmResult, stoppedBeforeStart, unwritable } from './result.js';
import { setUp, type Settings, type Setup } from './settings.js';
import { listenForStops } from './signals.js';
import { announce, holdPyLock } from './startup.js';
import { SyncLoop } from './loop.js';
import { Supervisor } from './supervise.js';
import { findDeadline, WalltimeGuard } from './walltime.js';

/**
 * Runs a tasklist to completion (or until stopped) with N workers, sharing the workdir with any
 * other farmers on it. Resolves with counts and an exit code; throws only UsageError (bad
 * input, nothing changed). Process-wide signal handlers only with `handleSignals: true`.
 */
export async function farm(options: FarmOptions): Promise<FarmResult> {
  const f = new Farm(options);
  return f.run();
}

/**
 * The farmer: opens the workdir, then runs the sync loop (record what ended, claim what the
 * free slots and the claim-ahead want, start it) until nothing is left or it stops, and closes.
 * Its phase (phase.ts) says whether it still takes work; the attempts themselves are the
 * Supervisor's (supervise.ts), the rounds the SyncLoop's (loop.ts).
 */
class Farm {
  private readonly options: Settings;
  private readonly setup: Setup;
  private phase: Phase = { name: 'running' };
  private attempts!: Supervisor;
  /** Set once the workdir is open. */
  private loop: SyncLoop | undefined;
  private readonly policy: ClaimPolicy;
  private readonly limits: Limits;
  private outage!: FsOutage;
  /** Ends waits for the workdir lock when a stop comes (a stalled holder must not delay it). */
  private readonly lockAbort = new AbortController();
  /** PyTaskFarmer's flock, held while we run so that a PyTaskFarmer on this workdir waits. */
  private pyLock: PyLock | undefined;
  private readonly timers: Array<NodeJS.Timeout | LongTimer> = [];
  private readonly ran = { done: 0, failed: 0, retried: 0, stopped: 0 };
  private readonly started = Date.now();
  private stopListening: () => void = () => {};
  private resolveDone!: () => void;

  constructor(options: FarmOptions) {
    this.setup = setUp(options);
    this.options = this.setup.options;
    this.policy = new ClaimPolicy(this.options.workers);
    this.limits = new Limits(this.setup.budget);
  }

  async run(): Promise<FarmResult> {
    const o = this.options;
    const tasklist = resolve(o.tasklist);
    const handler = typeof o.handler === 'function' ? o.handler : resolveHandler(o.handler ?? 'default', o.handlers);
    const { runner, baseEnv, bindings, slotEnv } = this.setup;
    runner.preflight?.();
    const makeLauncher = o.launchers ?? (await defaultLaunchers());
    this.attempts = new Supervisor({
      runner,
      launchers: bindings.map((bind) => makeLauncher(baseEnv, bind)),
      slotEnv,
      killGrace: o.killGrace,
      taskTimeout: o.taskTimeout,
      emit: (e) => this.emit(e),
      accepting: () => accepting(this.phase),
      unreachable: () => this.outage.waiting,
      ended: (end) => this.loop!.ended(end),
    });
    this.stopListening = listenForStops(o, { stop: (r) => this.stop(r), drain: () => this.drain('drain') });
    const dir = resolve(o.workdir ?? `${o.tasklist}_workdir`);
    this.outage = new FsOutage(dir, o.fsWait, (message) => this.emit({ type: 'warning', message }));
    const wdOptions: WorkdirOptions = {
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
    let wd: Workdir;
    try {
      wd = await Workdir.open(wdOptions);
    } catch (err) {
      this.stopListening();
      if (isUsageError(err)) throw err;
      const ms = Date.now() - this.started;
      // Stopped while waiting for the lock to start: nothing was claimed or written.
      if (err instanceof LockWaitAborted) return stoppedBeforeStart(dir, endReason(this.phase), ms);
      // Disk full, read-only, over quota: nothing could be recorded. Exit 74, as when it happens mid-run.
      return unwritable(dir, err as Error, ms);
    }
    const loop = (this.loop = new SyncLoop(wd, {
      attempts: this.attempts,
      policy: this.policy,
      limits: this.limits,
      outage: this.outage,
      ran: this.ran,
      phase: () => this.phase,
      apply: (event) => this.apply(event),
      emit: (e) => this.emit(e),
      reopen: () => Workdir.open(wdOptions),
      closed: () => this.closed(),
    }));
    this.pyLock = await holdPyLock(wd.paths.dir, (e) => this.emit(e));
    const nodeTimer = announce(wd, {
      workers: o.workers,
      env: baseEnv,
      emit: (e) => this.emit(e),
      current: () => loop.wd,
    });
    if (nodeTimer) this.timers.push(nodeTimer);
    const done = new Promise<void>((r) => (this.resolveDone = r));
    const tick = Math.min(Math.max(o.lease / 6, 250), 5_000);
    this.timers.push(
      setInterval(() => {
        try {
          loop.wd.heartbeat();
        } catch (err) {
          const stop = this.outage.failed(err);
          if (stop) this.apply({ type: 'fail', error: stop });
        }
        if (this.attempts.idle() > 0 || this.attempts.running() === 0) loop.requestSync();
      }, tick),
      setInterval(() => loop.lookAtTasklist(), 2_000),
    );
    if (o.timeout) this.timers.push(setLongTimeout(() => this.stop('timeout'), o.timeout));
    const deadline =
      o.walltimeGuard === false ? undefined : findDeadline(this.started, o.timeout, process.env, slurmTimeLeft);
    if (deadline) this.limits.guard(new WalltimeGuard(deadline));
    loop.start();
    await done;
    return farmResult({ wd: loop.wd, phase: this.phase, ran: this.ran, started: this.started, limits: this.limits });
  }

  private emit(e: FarmEvent): void {
    this.options.onEvent?.(e);
  }

  /** Every change of phase goes through here: phase.ts decides, this does what it says. */
  private apply(event: PhaseEvent): void {
    const { phase, effect } = next(this.phase, event);
    this.phase = phase;
    if (effect === 'kill') this.attempts.killAll();
    else if (effect === 'fail') this.attempts.stopAll();
    // Closing: no heartbeat, timeout or node check from now on (the loop ends its own timers).
    else if (effect === 'close') for (const t of this.timers) cancelTimer(t);
    else if ((effect === 'drain' || effect === 'stop') && 'reason' in event) {
      if (effect === 'stop') {
        this.lockAbort.abort();
        // Before the workdir opened, nothing runs and nothing is claimed.
        if (!this.loop) return;
      }
      this.loop?.handBack();
      this.emit({ type: 'stopping', reason: event.reason });
      if (effect === 'stop') this.attempts.stopAll();
      this.loop?.requestSync();
    }
  }

  /** Stop claiming, kill every running task's tree, put them back; a second request kills at once. */
  stop(reason: StopReason): void {
    this.apply({ type: 'stop', reason });
  }

  /** No new tasks; running ones finish. */
  drain(reason: StopReason): void {
    this.apply({ type: 'drain', reason });
  }

  /** The loop closed the workdir: release the rest, and return. */
  private closed(): void {
    this.attempts.close();
    this.pyLock?.release();
    this.stopListening();
    this.resolveDone();
  }
}
