/**
 * Walltime-aware claiming: near the farmer's stop (its --timeout, or its Slurm job's end), a
 * task that would not finish in time is not started. It would only be killed at the limit and
 * run again by the next job; left in `toprocess`, it costs nothing.
 */
export declare class WalltimeGuard {
    readonly deadline: number;
    private readonly durations;
    private next;
    /** `deadline`: when the farmer will be stopped (ms since the epoch). */
    constructor(deadline: number);
    /** A task of this farmer ended after `ms` (only real ends count: a stopped task says nothing). */
    observe(ms: number): void;
    /** The 90th percentile of the durations seen, or undefined before any task ended. */
    p90(): number | undefined;
    /**
     * False when a task started now is expected to outlive the deadline: now + p90 + slack.
     * Before any task ended there is nothing to expect, and the farmer claims as usual.
     */
    fits(now: number): boolean;
}
/** The nearest-rank percentile `q` (0..1) of `values`, or undefined when empty. */
export declare function percentile(values: readonly number[], q: number): number | undefined;
/**
 * When the farmer will be stopped: the earlier of `--timeout` and its Slurm job's end. Slurm
 * exports SLURM_JOB_END_TIME (epoch seconds) in recent releases; older ones are asked with
 * `squeue -o %L` (time left), through `timeLeft`.
 */
export declare function findDeadline(started: number, timeoutMs: number | undefined, env: NodeJS.ProcessEnv, timeLeft: (job: string) => string | undefined): number | undefined;
/** squeue's `%L`: `[days-]hours:minutes:seconds`, `minutes:seconds`, or a word (UNLIMITED, NOT_SET, INVALID). */
export declare function parseSlurmTimeLeft(text: string): number | undefined;
