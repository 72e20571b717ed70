/** Completions of a farmer with a full enough queue are recorded together, within this many ms. */
export const FLUSH_MS = 50;

/**
 * How far ahead a farmer claims. Only once tasks have proven short (a running mean under
 * 100 ms, starting from a pessimistic 1 s), where the lock would cost as much as the task, does
 * it hold tasks beyond its free slots: then a worker starts its next task at once and the lock
 * is taken per batch (at least 16 tasks, so farmers with few workers do not queue on the lock).
 * Long tasks are claimed one by one so that no farmer sits on work another could start.
 */
export class ClaimPolicy {
  /** Recent mean task duration (ms). */
  private meanMs = 1_000;

  constructor(private readonly slots: number) {}

  /** A finished attempt's duration (stopped ones say nothing of the tasks). */
  observe(durationMs: number): void {
    this.meanMs = 0.9 * this.meanMs + 0.1 * durationMs;
  }

  /** How many tasks to hold beyond the free slots. */
  ahead(): number {
    return this.meanMs < 100 ? Math.max(this.slots, 16) : 0;
  }

  /** How many to claim now: every free slot, and the claim-ahead, less what is already queued. */
  want(idle: number, queued: number): number {
    return Math.max(0, idle + this.ahead() - queued);
  }

  /** The queue runs low: claim (and record completions) now rather than batched. */
  low(queued: number): boolean {
    return queued <= this.ahead() / 2;
  }
}
