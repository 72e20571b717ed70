export interface FailureBudget {
    max: number;
    /** Also stop the running tasks (they go back to `toprocess`), rather than letting them end. */
    kill: boolean;
}
/** True once `failed` final failures reach the budget. */
export declare function budgetSpent(budget: FailureBudget | undefined, failed: number): boolean;
/** The line a user reads when the budget stopped the farm. */
export declare function budgetMessage(budget: FailureBudget, failed: number, left: number): string;
/** The budget of `maxFailures` (a positive integer), or undefined without one. */
export declare function failureBudget(max: number | undefined, kill: boolean | undefined): FailureBudget | undefined;
