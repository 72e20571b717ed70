import { writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import type { ExitInfo, Launched, Launcher, LauncherFactory } from '../../src/runners/launcher.js';
import type { RunSpec } from '../../src/runners/types.js';
import type { LogTarget } from '../../src/workdir/tasklog.js';

/** What a fake task does: run for `ms` (of the fake clock), then exit with `code`. */
export interface Behaviour {
  ms: number;
  code?: number;
  /** Survives SIGTERM (only SIGKILL ends it), as a task that traps TERM. */
  ignoresTerm?: boolean;
}

export interface Started {
  id: number;
  attempt: number;
  slot: number;
  task: string;
  /** Signals it received while it ran, in order. */
  signals: NodeJS.Signals[];
}

/**
 * Launchers that start no process: each attempt is a timer of the (fake) clock, and a kill
 * ends it as a signal would. `behave` decides, from the task's line and attempt, what it does.
 * It records what the farm asked for, for the tests to check.
 */
export class FakeLaunchers {
  readonly started: Started[] = [];
  running = 0;
  maxRunning = 0;
  closed = 0;
  /** Called as each attempt starts (after it is counted as running). */
  onStart?: (s: Started) => void;

  constructor(private readonly behave: (task: string, attempt: number) => Behaviour) {}

  readonly factory: LauncherFactory = () => {
    const launcher: Launcher = {
      run: (spec, log, env) => this.run(spec, log, env),
      close: () => void this.closed++,
    };
    return launcher;
  };

  private run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched {
    // The default runner gives `bash -c TASK`: the task is the argument after -c.
    const task = spec.args[spec.args.indexOf('-c') + 1];
    const s: Started = {
      id: Number(env.TASKFARMER_TASK_ID),
      attempt: Number(env.TASKFARMER_ATTEMPT),
      slot: Number(env.TASKFARMER_WORKER),
      task,
      signals: [],
    };
    const b = this.behave(task, s.attempt);
    // Per-task logs only (the tests' default mode): a log file of its own, written whole.
    writeFileSync(log.path, `fake attempt ${s.attempt} of ${task}\n`);
    this.started.push(s);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    let end!: (e: ExitInfo) => void;
    let ended = false;
    const exited = new Promise<ExitInfo>((resolve) => (end = resolve));
    const finish = (e: ExitInfo) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      this.running--;
      end(e);
    };
    const timer = setTimeout(() => finish({ code: b.code ?? 0, signal: null }), b.ms);
    this.onStart?.(s);
    return {
      exited,
      kill: (signal) => {
        if (ended) return;
        s.signals.push(signal);
        if (signal === 'SIGTERM' && b.ignoresTerm) return;
        finish({ code: 128 + constants.signals[signal], signal });
      },
    };
  }
}
