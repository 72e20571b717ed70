import { type FailureBudget } from './failure-budget.js';
import type { StopReason } from './options.js';
import type { PhaseEvent } from './phase.js';
import type { WalltimeGuard } from './walltime.js';
/**
 * The limits that end a farm early by themselves: --max-failures (a drain, or a stop with
 * --max-failures-kill) and the walltime guard (a drain once a task started now would outlive
 * the farmer's deadline). Each check says which phase event it calls for, if any.
 */
export declare class Limits {
    readonly budget: FailureBudget | undefined;
    private walltime;
    /** Why the walltime guard drained the farm, once it did. */
    private walltimeNote;
    constructor(budget: FailureBudget | undefined);
    /** The farmer's deadline is known once it started (--timeout, or its Slurm job's end). */
    guard(walltime: WalltimeGuard | undefined): void;
    /** A task of this farmer ended after `ms` (stopped ones say nothing of the tasks). */
    observe(ms: number): void;
    /** --max-failures: once the workdir's final failures reach it, no more claims (and with kill, no more running). */
    failures(failed: number): PhaseEvent | undefined;
    /** A drain once a task started `now` is expected to outlive the deadline. */
    deadline(now: number): PhaseEvent | undefined;
    /** The result's one-line note when a limit ended the farm. */
    note(reason: StopReason | undefined, failed: number, left: number): string | undefined;
}
