/**
 * setTimeout for any duration. Node stores a timer's delay as a signed 32-bit count of
 * milliseconds: anything above 2^31-1 ms (24.8 days) is clamped to 1 ms, with only a warning,
 * so `--timeout 30d` stopped the farm at once and `--task-timeout 25d` killed every task. Long
 * delays are chained in steps that fit.
 */
export declare const MAX_TIMER_MS: number;
export interface LongTimer {
    clear(): void;
}
export declare function setLongTimeout(fn: () => void, ms: number): LongTimer;
/** Clears a plain Node timer or a LongTimer. */
export declare function cancelTimer(t: NodeJS.Timeout | LongTimer): void;
