import { formatDuration } from '../util/duration.js';
import { budgetMessage, budgetSpent, type FailureBudget } from './failure-budget.js';
import type { StopReason } from './options.js';
import type { PhaseEvent } from './phase.js';
import type { WalltimeGuard } from './walltime.js';

/**
 * The limits that end a farm early by themselves: --max-failures (a drain, or a stop with
 * --max-failures-kill) and the walltime guard (a drain once a task started now would outlive
 * the farmer's deadline). Each check says which phase event it calls for, if any.
 */
export class Limits {
  private walltime: WalltimeGuard | undefined;
  /** Why the walltime guard drained the farm, once it did. */
  private walltimeNote = '';

  constructor(readonly budget: FailureBudget | undefined) {}

  /** The farmer's deadline is known once it started (--timeout, or its Slurm job's end). */
  guard(walltime: WalltimeGuard | undefined): void {
    this.walltime = walltime;
  }

  /** A task of this farmer ended after `ms` (stopped ones say nothing of the tasks). */
  observe(ms: number): void {
    this.walltime?.observe(ms);
  }

  /** --max-failures: once the workdir's final failures reach it, no more claims (and with kill, no more running). */
  failures(failed: number): PhaseEvent | undefined {
    if (!budgetSpent(this.budget, failed)) return undefined;
    return { type: this.budget!.kill ? 'stop' : 'drain', reason: 'max-failures' };
  }

  /** A drain once a task started `now` is expected to outlive the deadline. */
  deadline(now: number): PhaseEvent | undefined {
    if (!this.walltime || this.walltime.fits(now)) return undefined;
    const s = (ms: number) => formatDuration(Math.max(0, ms));
    this.walltimeNote = `stopped claiming ${s(this.walltime.deadline - now)} before the time limit: tasks take up to ${s(this.walltime.p90()!)} (p90)`;
    return { type: 'drain', reason: 'walltime' };
  }

  /** The result's one-line note when a limit ended the farm. */
  note(reason: StopReason | undefined, failed: number, left: number): string | undefined {
    if (reason === 'max-failures') return budgetMessage(this.budget!, failed, left);
    if (reason === 'walltime') return `${this.walltimeNote}; ${left} left in toprocess`;
    return undefined;
  }
}
