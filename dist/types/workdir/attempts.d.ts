import type { JournalRecord } from './journal.js';
import type { TaskState } from './state.js';
import type { Claim, Completion, Outcome } from './workdir-types.js';
/** What the attempts a sync reports become; the lines are written before the records. */
export interface Ended {
    records: JournalRecord[];
    /** One per completion, in order. */
    outcomes: Outcome[];
    /** Lines for `finished` and for `failed`. */
    finished: string;
    failed: string;
    /** The ids whose line is in `finished` or `failed` above. */
    lineIds: Set<number>;
    /** Timeline spans of the attempts recorded. */
    events: string[];
}
export interface EndContext {
    state: TaskState;
    /** This farmer's index in `state`. */
    me: number;
    farmerId: string;
    /** Extra attempts for a failing task. */
    retries: number;
    /** Whether a completion's line is in `finished`/`failed` already (see WrittenLines). */
    lineWritten: (c: Completion) => boolean;
}
/**
 * This farmer's attempts across locked sections that can fail part-way: those handed to the
 * farm and not yet ended, and outcomes a section wrote to our journal before it lost the lock
 * (the retried section reports them instead of recording them twice).
 */
export declare class Attempts {
    /** Attempts handed to the farm and not yet ended: id → attempt. */
    private readonly held;
    /** Outcomes whose journal records were written in a section that then lost the lock. */
    private readonly recorded;
    /** True while attempt `attempt` of task `id` is handed out and not reported ended. */
    holds(id: number, attempt: number): boolean;
    /**
     * What ended and stopped attempts become, under the lock. An outcome recorded before is
     * reported as it was. An attempt whose claim is no longer ours (taken back while we were
     * presumed dead) is fenced. Otherwise: a `done` or `fail` record (final when no retry is
     * left), its line unless it is there already, and its span. A stopped attempt still ours
     * goes back to the pool (`requeue`: no retry used).
     */
    end(completions: Completion[], stopped: Array<{
        id: number;
        attempt: number;
    }>, ctx: EndContext): Ended;
    /** Outcomes now in our journal: a retried section reports them instead of recording again. */
    remember(completions: Completion[], outcomes: Outcome[]): void;
    /** Every write of the section made it under our lock: its outcomes are final. */
    settled(): void;
    /** Claims handed to the farm: attempts it now runs. */
    handOut(claims: Claim[]): void;
}
