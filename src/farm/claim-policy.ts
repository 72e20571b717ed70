/** Completions of a farmer with a full enough queue are recorded together, within at least this many ms. */
const FLUSH_MS = 50;

/**
 * How far ahead a farmer claims. Only where the lock would cost about as much as the task does
 * it hold tasks beyond its free slots: then a worker starts its next task at once and the lock
 * is taken per batch (at least 16 tasks, so farmers with few workers do not queue on the lock).
 * "About as much": tasks that have proven short (a running mean under 100 ms, starting from a
 * pessimistic 1 s), or under ten times what a sync with the workdir has been taking (lock wait
 * and locked section: ~1 ms on a local disk, 15-100 ms on a GlusterFS volume here, see
 * docs/benchmark.md). Longer tasks are claimed one by one so that no farmer sits on work
 * another could start.
 */
export class ClaimPolicy {
  /** Recent mean task duration (ms). */
  private meanMs = 1_000;
  /** Recent mean duration (ms) of a sync that recorded or claimed something. */
  private syncMs = 0;

  constructor(private readonly slots: number) {}

  /** A finished attempt's duration (stopped ones say nothing of the tasks). */
  observe(durationMs: number): void {
    this.meanMs = 0.9 * this.meanMs + 0.1 * durationMs;
  }

  /** How long a sync with the workdir took (lock wait included). */
  observeSync(durationMs: number): void {
    this.syncMs = 0.8 * this.syncMs + 0.2 * durationMs;
  }

  /** How many tasks to hold beyond the free slots. */
  ahead(): number {
    return this.meanMs < Math.max(100, 10 * this.syncMs) ? Math.max(this.slots, 16) : 0;
  }

  /**
   * How long completions may wait to be recorded together: FLUSH_MS, or longer where a sync is
   * slow (five syncs' time, at most 1 s), so that a slow lock is taken per batch of completions.
   * A completion's delay costs nothing but its line showing up later; the lease covers a crash.
   */
  flushMs(): number {
    return Math.min(1_000, Math.max(FLUSH_MS, 5 * this.syncMs));
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
