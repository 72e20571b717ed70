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
/** Signals a process group; a group already gone is not an error. */
export declare function killTree(pid: number | undefined, signal: NodeJS.Signals): void;
/**
 * Starts tasks for one worker slot. Forking from Node costs ~1.4 ms of CPU a task (it copies a
 * large address space): more than running `true` itself. So each slot keeps a small perl
 * launcher (launcher.pl, its wire protocol in its header) that forks the tasks. Each task still gets its
 * own process group, its log (a file of its own, or a frame appended to the slot's file), and
 * its exact exit status or signal. Without perl, Node spawns the tasks itself.
 */
export declare class SlotLauncher {
    private readonly baseEnv;
    private readonly bind?;
    private readonly perl;
    private child;
    private buffered;
    private current;
    /** The slot's append-mode log when Node spawns (no perl). */
    private readonly appendLog;
    /**
     * `bind`: the slot's cores and the taskset that binds them. The launcher is started under
     * taskset once, and every task it forks inherits its affinity: binding costs nothing per
     * task. Without perl each task is wrapped in taskset instead. `perl`: null forces Node's spawn.
     */
    constructor(baseEnv: NodeJS.ProcessEnv, bind?: {
        cpus: string;
        taskset: string;
    } | undefined, perl?: string | null);
    run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched;
    /** Ends the launcher (it exits when its input closes). */
    close(): void;
    private ensure;
    private onData;
}
