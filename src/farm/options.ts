import type { Runner } from '../runners/types.js';
import type { TasklistHandler } from '../tasklist/handlers.js';
import type { Outcome } from '../workdir/workdir.js';
import type { FsInfo } from '../workdir/fstype.js';

/** Everything farm() needs; adapters build it from argv or Action inputs, validated at the edge. */
export interface FarmOptions {
  /** Path of the tasklist: one task per line, blank lines and `#` comments skipped. */
  tasklist: string;
  /** Work directory; default `<tasklist>_workdir`. */
  workdir?: string;
  /** Parallel workers; default: the machine's available parallelism. */
  workers?: number;
  /** Stop the whole farmer after this many ms (tasks go back to `toprocess`, exit 75). */
  timeout?: number;
  /** Kill an attempt after this many ms (it counts as failed, and may be retried). */
  taskTimeout?: number;
  /** Extra attempts for a failing task; `failed` lists only final failures. Default 0. */
  retries?: number;
  /** A farmer silent for this many ms loses its claims to the others. Default 60 s. */
  lease?: number;
  /** A workdir lock older than this many ms was left by a dead farmer. Default 30 s. */
  lockStale?: number;
  /**
   * How long (ms) to wait for a workdir that stopped answering (ENOTCONN, EIO, ESTALE: a
   * network filesystem's server or client away) before giving up with exit 74. Default 5 min.
   */
  fsWait?: number;
  /** Between SIGTERM and SIGKILL when a task's tree is killed. Default 1 s. */
  killGrace?: number;
  /** Runner name (`default` = shell) or a runner object. */
  runner?: string | Runner;
  /** Tasklist handler name (`default` = one command per line) or a function. */
  handler?: string | TasklistHandler;
  /** Runners and handlers from a configuration file, by name. */
  runners?: Record<string, Runner>;
  handlers?: Record<string, TasklistHandler>;
  /** Install SIGINT/SIGTERM/SIGHUP/SIGUSR1 (stop) and SIGUSR2 (drain) handlers. Default true. */
  handleSignals?: boolean;
  /** Aborting it stops the farm like SIGTERM. */
  signal?: AbortSignal;
  /** Progress and task events, for displays and reports. */
  onEvent?: (event: FarmEvent) => void;
}

export type StopReason = 'timeout' | 'drain' | 'abort' | `signal:${string}`;

export type FarmEvent =
  | {
      type: 'started';
      workdir: string;
      farmer: string;
      workers: number;
      pending: number;
      finished: number;
      failed: number;
      /** The workdir's filesystem, as detected at start. */
      filesystem: FsInfo;
    }
  | { type: 'task-start'; id: number; attempt: number; task: string; slot: number }
  | {
      type: 'task-end';
      id: number;
      attempt: number;
      task: string;
      slot: number;
      outcome: Outcome | 'stopped';
      rc: number | null;
      signal: string | null;
      timedOut: boolean;
      durationMs: number;
      log: string;
    }
  | { type: 'stopping'; reason: StopReason }
  | { type: 'warning'; message: string };

/** 0 all finished; 1 some task failed; 74 the workdir could not be written; 75 stopped early, run again. */
export type ExitCode = 0 | 1 | 74 | 75;

export interface FarmResult {
  exitCode: ExitCode;
  status: 'complete' | 'failed' | 'incomplete';
  stopReason?: StopReason;
  workdir: string;
  farmer: string;
  /** Counts over the whole workdir when this farmer stopped. */
  total: number;
  finished: number;
  failed: number;
  remaining: number;
  /** What this farmer itself ran. */
  ran: { done: number; failed: number; retried: number; stopped: number };
  durationMs: number;
  /** Set when the farmer stopped on an error (exit 74). */
  error?: string;
}
