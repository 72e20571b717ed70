import type { LauncherFactory } from '../runners/launcher.js';
import type { Runner } from '../runners/types.js';
import type { TasklistHandler } from '../tasklist/handlers.js';
import type { LogMode } from '../workdir/tasklog.js';
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
    /** GPUs per worker slot: each slot gets a fixed, disjoint set (CUDA_VISIBLE_DEVICES…). */
    gpusPerWorker?: number;
    /** Comma-separated GPU ids to share out; default: CUDA_VISIBLE_DEVICES, ROCR_VISIBLE_DEVICES, SLURM_STEP_GPUS, SLURM_JOB_GPUS, else `nvidia-smi -L`. */
    gpus?: string;
    /** Cores per worker slot, from the farmer's own affinity mask; each slot is bound to its set. */
    cpusPerWorker?: number;
    /** Stop claiming after this many final failures in the workdir (every farmer's); exit 1. */
    maxFailures?: number;
    /** With maxFailures: also stop the running tasks (they go back to `toprocess`). */
    maxFailuresKill?: boolean;
    /** Do not start a task expected to outlive the timeout or Slurm time limit. Default true. */
    walltimeGuard?: boolean;
    /**
     * Where task output goes: `per-task` (default, PyTaskFarmer's `logs/log_<id>`), `per-worker`
     * (framed, appended to one file per worker slot: no file per task), or `none` (discarded).
     */
    logs?: LogMode;
    /** Runner name (`default` = shell) or a runner object. */
    runner?: string | Runner;
    /** Tasklist handler name (`default` = one command per line) or a function. */
    handler?: string | TasklistHandler;
    /** Runners and handlers from a configuration file, by name. */
    runners?: Record<string, Runner>;
    handlers?: Record<string, TasklistHandler>;
    /**
     * Install process-wide SIGINT/SIGTERM/SIGHUP/SIGUSR1 (stop) and SIGUSR2 (drain) handlers while
     * it runs (removed when it returns). Default false: a library caller keeps its own signal
     * handling and stops the farm through `signal`. The CLI and the Action set it.
     */
    handleSignals?: boolean;
    /** Aborting it stops the farm like SIGTERM (with or without handleSignals). */
    signal?: AbortSignal;
    /**
     * The environment every task starts from (runner and task variables are added to it).
     * Default: the farmer's own environment. The Action passes its own minus the runner's secrets.
     */
    taskEnv?: NodeJS.ProcessEnv;
    /** Progress and task events, for displays and reports. */
    onEvent?: (event: FarmEvent) => void;
    /**
     * How attempts are started: default, a perl launcher per worker slot (Node's spawn without
     * perl). Not a CLI flag or Action input: the in-process tests (tests/farm/) pass a fake.
     */
    launchers?: LauncherFactory;
}
/** `max-failures`: --max-failures was reached; `walltime`: the next task would not finish before the stop. */
export type StopReason = 'timeout' | 'drain' | 'abort' | 'max-failures' | 'walltime' | `signal:${string}`;
export type FarmEvent = {
    type: 'started';
    /** The log mode its tasks run with. */
    logs: LogMode;
    workdir: string;
    farmer: string;
    workers: number;
    pending: number;
    finished: number;
    failed: number;
    /** The workdir's filesystem, as detected at start. */
    filesystem: FsInfo;
} | {
    type: 'task-start';
    id: number;
    attempt: number;
    task: string;
    slot: number;
} | {
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
    /** The file that holds its output: its own log, or its worker's (per-worker); '' with logs none. */
    log: string;
} | {
    type: 'stopping';
    reason: StopReason;
} | {
    type: 'warning';
    message: string;
};
/**
 * 0 all finished; 1 some task failed (or --max-failures stopped the farm); 2 the workdir turned
 * out to name a command that is not the tasklist's; 74 the workdir could not be written;
 * 75 stopped early, run again.
 */
export type ExitCode = 0 | 1 | 2 | 74 | 75;
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
    ran: {
        done: number;
        failed: number;
        retried: number;
        stopped: number;
    };
    durationMs: number;
    /** Why the farm stopped early, in one line, when a limit stopped it (max-failures, walltime). */
    note?: string;
    /** Set when the farmer stopped on an error (exit 74). */
    error?: string;
}
