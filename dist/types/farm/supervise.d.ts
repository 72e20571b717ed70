import type { Launcher } from '../runners/launcher.js';
import type { Runner } from '../runners/types.js';
import type { Claim, Completion, Outcome, Workdir } from '../workdir/workdir.js';
import type { FarmEvent } from './options.js';
/** How an attempt ended, for the farm to record: put back (stopped), or a completion to record. */
export type AttemptEnd = {
    stopped: {
        id: number;
        attempt: number;
    };
} | {
    completion: Completion;
};
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
/**
 * Per-attempt supervision: starts an attempt in a free worker slot through the slot's launcher,
 * kills it on --task-timeout or a stop (SIGTERM, SIGKILL after the grace), and when it exits,
 * frees the slot and says how it ended.
 */
export declare class Supervisor {
    private readonly options;
    private readonly slots;
    constructor(options: SupervisorOptions);
    get size(): number;
    running(): number;
    idle(): number;
    /** The tasks running now. */
    ids(): number[];
    /** Starts `claim` in a free slot (the caller checked there is one). */
    start(claim: Claim, wd: Workdir): void;
    /** Kills every running attempt's tree (SIGTERM, SIGKILL after the grace); they go back to the pool. */
    stopAll(): void;
    /** SIGKILL to every running attempt's tree now (a second stop). */
    killAll(): void;
    /** Releases the launchers: the farm ended. */
    close(): void;
    private kill;
    private exit;
}
/** The task-end event of an attempt: put back (`stopped`), or as the workdir recorded it. */
export declare function taskEnd(c: Completion, outcome: Outcome | 'stopped', log: string): FarmEvent;
