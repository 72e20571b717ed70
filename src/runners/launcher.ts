/**
 * How an attempt's process is started and killed, behind one interface, so that the farm can be
 * driven in-process by a fake (tests/farm/) and a machine without perl still works.
 *
 * Two implementations: the per-slot perl launcher (process.ts, launcher.pl), the default, and
 * Node spawning each task itself through execa (direct.ts), used when there is no perl or
 * TASKFARMER_LAUNCHER=node says so. Both give each attempt its own process group and its log
 * file as stdout and stderr, and kill by group.
 */
import { UsageError } from '../util/errors.js';
import type { LogTarget } from '../workdir/tasklog.js';
import type { RunSpec } from './types.js';

export interface ExitInfo {
  /** Exit status as a shell reports it (`$?`: 128+N when killed by signal N), null if unknown. */
  code: number | null;
  signal: string | null;
  /** The command could not be started, or its launcher died. */
  error?: string;
}

/** One running attempt, in its own process group. */
export interface Launched {
  exited: Promise<ExitInfo>;
  /** Signals the attempt's whole process tree (now, or as soon as its pid is known). */
  kill(signal: NodeJS.Signals): void;
}

/** Starts the attempts of one worker slot, one at a time. */
export interface Launcher {
  /**
   * Starts `spec` with `env` added to the farm's environment, stdout and stderr to `log` (a
   * file of its own, or a frame appended to the slot's file: --logs).
   */
  run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched;
  /** Releases what the launcher holds (its helper process); called once, when the farm ends. */
  close(): void;
}

/** A worker slot's cores (--cpus-per-worker) and the taskset that binds them. */
export interface CpuBinding {
  cpus: string;
  taskset: string;
}

/**
 * Makes one launcher per worker slot; `baseEnv` is the farm's environment for every task,
 * `bind` the slot's cores when --cpus-per-worker binds them.
 */
export type LauncherFactory = (baseEnv: NodeJS.ProcessEnv, bind?: CpuBinding) => Launcher;

/** Signals a process group; a group already gone is not an error. */
export function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: every process of the group has exited.
  }
}

/**
 * The launchers of a real farm: perl's if there is a perl on PATH, else Node's own spawn.
 * TASKFARMER_LAUNCHER=node (or =perl) chooses; it exists to compare the two (npm run bench) and
 * as a way out should the perl launcher misbehave on some machine. execa is loaded only when
 * the direct launcher is used, so the common start-up does not pay for it.
 */
export async function defaultLaunchers(env: NodeJS.ProcessEnv = process.env): Promise<LauncherFactory> {
  const choice = env.TASKFARMER_LAUNCHER || 'auto';
  if (!['auto', 'perl', 'node'].includes(choice)) {
    throw new UsageError(`TASKFARMER_LAUNCHER must be perl, node or auto (got "${choice}")`);
  }
  if (choice !== 'node') {
    const { findPerl, PerlLauncher } = await import('./process.js');
    const perl = findPerl(env.PATH);
    if (perl) return (baseEnv, bind) => new PerlLauncher(perl, baseEnv, bind);
  }
  const { DirectLauncher } = await import('./direct.js');
  return (baseEnv, bind) => new DirectLauncher(baseEnv, bind);
}
