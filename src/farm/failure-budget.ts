/**
 * `--max-failures N`: a farm whose tasks keep failing stops after N final failures instead of
 * burning the allocation on the rest. The count is the workdir's (final failures since it was
 * last at rest, from every farmer's journal), so every farmer of a shared farm sees the same.
 */
import { UsageError } from '../util/errors.js';

export interface FailureBudget {
  max: number;
  /** Also stop the running tasks (they go back to `toprocess`), rather than letting them end. */
  kill: boolean;
}

/** True once `failed` final failures reach the budget. */
export function budgetSpent(budget: FailureBudget | undefined, failed: number): boolean {
  return budget !== undefined && failed >= budget.max;
}

/** The line a user reads when the budget stopped the farm. */
export function budgetMessage(budget: FailureBudget, failed: number, left: number): string {
  const running = budget.kill ? 'running tasks were stopped' : 'running tasks were let finish';
  return `stopped after ${failed} failed task${failed === 1 ? '' : 's'} (--max-failures ${budget.max}); ${running}; ${left} left in toprocess`;
}

/** The budget of `maxFailures` (a positive integer), or undefined without one. */
export function failureBudget(max: number | undefined, kill: boolean | undefined): FailureBudget | undefined {
  if (max === undefined) {
    if (kill) throw new UsageError('--max-failures-kill needs --max-failures N');
    return undefined;
  }
  if (!Number.isInteger(max) || max < 1)
    throw new UsageError(`--max-failures must be a positive integer (got "${max}")`);
  return { max, kill: Boolean(kill) };
}
