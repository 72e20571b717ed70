import type { ExitInfo, Launched, Launcher } from '../runners/launcher.js';
import type { Runner, TaskContext } from '../runners/types.js';
import { oneLine } from '../util/errors.js';
import { cancelTimer, setLongTimeout, type LongTimer } from '../util/long-timer.js';
import { FARMER_SIGNALS } from '../util/signals.js';
import { isUnreachableText } from '../workdir/fs-errors.js';
import type { Claim, Completion, Outcome, Workdir } from '../workdir/workdir.js';
import type { FarmEvent } from './options.js';

const OUR_SIGNALS = new Set<string>(FARMER_SIGNALS);
/** How long a task killed by one of our signals waits for the farmer's own copy (see start). */
const SIGNAL_GRACE_MS = 250;

/** How an attempt ended, for the farm to record: put back (stopped), or a completion to record. */
export type AttemptEnd = { stopped: { id: number; attempt: number } } | { completion: Completion };

export interface SupervisorOptions {
  runner: Runner;
  /** One per worker slot. */
  launchers: Launcher[];
  /** Per slot: its GPUs and cores, as its tasks see them. */
  slotEnv: Array<Record<string, string>>;
  /** Between SIGTERM and SIGKILL when a task's tree is killed. */
  killGrace: number;
  taskTimeout?: number;
  emit(e: FarmEvent): void;
  /** False once the farmer drains, stops or failed: a task that died of one of our signals then was stopped. */
  accepting(): boolean;
  /** True while the workdir does not answer: a log that could not be opened then is not the task's fault. */
  unreachable(): boolean;
  /** Called once per attempt, after its slot is free. */
  ended(end: AttemptEnd): void;
}

/** An attempt in its worker slot. */
interface Running {
  claim: Claim;
  slot: number;
  wd: Workdir;
  ctx: TaskContext;
  proc: Launched | undefined;
  start: number;
  timedOut: boolean;
  /** Killed by a stop (or a failure, or a rejoin): it goes back to the pool, no retry used. */
  stopped: boolean;
  timers: Array<NodeJS.Timeout | LongTimer>;
}

/**
 * Per-attempt supervision: starts an attempt in a free worker slot through the slot's launcher,
 * kills it on --task-timeout or a stop (SIGTERM, SIGKILL after the grace), and when it exits,
 * frees the slot and says how it ended.
 */
export class Supervisor {
  private readonly slots: Array<Running | null>;

  constructor(private readonly options: SupervisorOptions) {
    this.slots = new Array<Running | null>(options.launchers.length).fill(null);
  }

  get size(): number {
    return this.slots.length;
  }

  running(): number {
    return this.slots.reduce((n, s) => n + (s ? 1 : 0), 0);
  }

  idle(): number {
    return this.slots.length - this.running();
  }

  /** The tasks running now. */
  ids(): number[] {
    return this.slots.filter((r) => r !== null).map((r) => r.claim.id);
  }

  /** Starts `claim` in a free slot (the caller checked there is one). */
  start(claim: Claim, wd: Workdir): void {
    const slot = this.slots.indexOf(null);
    const start = Date.now();
    const ctx: TaskContext = {
      id: claim.id,
      attempt: claim.attempt,
      slot,
      workdir: wd.paths.dir,
      note: (text) => wd.note({ id: claim.id, attempt: claim.attempt, slot, start }, text),
    };
    const r: Running = { claim, slot, wd, ctx, proc: undefined, start, timedOut: false, stopped: false, timers: [] };
    this.slots[slot] = r;
    let exited: Promise<ExitInfo>;
    try {
      const spec = this.options.runner.command(claim.task, ctx);
      const env = {
        ...spec.env,
        ...this.options.slotEnv[slot],
        PROC_NUMBER: String(claim.id),
        TASKFARMER_TASK_ID: String(claim.id),
        TASKFARMER_ATTEMPT: String(claim.attempt),
        TASKFARMER_WORKDIR: wd.paths.dir,
        TASKFARMER_WORKER: String(slot),
      };
      r.proc = this.options.launchers[slot].run(spec, wd.logTarget(claim.id, claim.attempt, slot), env);
      exited = r.proc.exited;
    } catch (err) {
      exited = Promise.resolve({ code: null, signal: null, error: oneLine(err) });
    }
    this.options.emit({ type: 'task-start', id: claim.id, attempt: claim.attempt, task: claim.task, slot });
    if (this.options.taskTimeout) {
      r.timers.push(
        setLongTimeout(() => {
          r.timedOut = true;
          this.kill(r);
        }, this.options.taskTimeout),
      );
    }
    void exited.then((info) => {
      if (!info.signal || !OUR_SIGNALS.has(info.signal) || r.timedOut || r.stopped) return this.exit(r, info);
      // Slurm sends `--signal=USR1@N`, `scancel --signal` and a cancelled job's TERM to every
      // process of the job step: a task may die of our stop signal just before we handle our own
      // copy. Wait for it a moment, so that such a task is put back rather than failed.
      const settle = () => {
        if (!this.options.accepting()) r.stopped = true;
        this.exit(r, info);
      };
      if (!this.options.accepting()) settle();
      else setTimeout(settle, SIGNAL_GRACE_MS);
    });
  }

  /** Kills every running attempt's tree (SIGTERM, SIGKILL after the grace); they go back to the pool. */
  stopAll(): void {
    for (const r of this.slots) {
      if (!r) continue;
      r.stopped = true;
      this.kill(r);
    }
  }

  /** SIGKILL to every running attempt's tree now (a second stop). */
  killAll(): void {
    for (const r of this.slots) r?.proc?.kill('SIGKILL');
  }

  /** Releases the launchers: the farm ended. */
  close(): void {
    for (const l of this.options.launchers) l.close();
  }

  private kill(r: Running): void {
    r.proc?.kill('SIGTERM');
    r.timers.push(setTimeout(() => r.proc?.kill('SIGKILL'), this.options.killGrace));
  }

  private exit(r: Running, info: ExitInfo): void {
    for (const t of r.timers) cancelTimer(t);
    // Whatever the task left in its process group (background jobs) does not outlive it.
    r.proc?.kill('SIGKILL');
    const ok = info.code === 0 && !r.timedOut && !r.stopped;
    try {
      this.options.runner.after?.(r.ctx, ok);
    } catch (err) {
      this.options.emit({ type: 'warning', message: `runner cleanup for task ${r.claim.id}: ${oneLine(err)}` });
    }
    this.slots[r.slot] = null;
    const end = Date.now();
    const { id, attempt, task } = r.claim;
    // A log that could not be opened because the workdir stopped answering: not the task's fault.
    if (info.error && (this.options.unreachable() || isUnreachableText(info.error))) r.stopped = true;
    const { code: rc, signal } = info;
    const completion = { id, attempt, ok, rc, signal, timedOut: r.timedOut, start: r.start, end, slot: r.slot, task };
    if (r.stopped && !r.timedOut) {
      this.options.emit(taskEnd(completion, 'stopped', r.wd.logFile(id, r.slot)));
      return this.options.ended({ stopped: { id, attempt } });
    }
    if (info.error) this.options.emit({ type: 'warning', message: `task ${id} could not start: ${info.error}` });
    this.options.ended({ completion });
  }
}

/** The task-end event of an attempt: put back (`stopped`), or as the workdir recorded it. */
export function taskEnd(c: Completion, outcome: Outcome | 'stopped', log: string): FarmEvent {
  const { id, attempt, task, slot, rc, signal, timedOut } = c;
  return { type: 'task-end', id, attempt, task, slot, outcome, rc, signal, timedOut, durationMs: c.end - c.start, log };
}
