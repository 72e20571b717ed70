import type { Claim, Completion } from '../workdir/workdir.js';

type Attempt = { id: number; attempt: number };

/** What one sync round records: attempts that ended, and attempts put back. */
export interface Batch {
  completions: Completion[];
  stopped: Attempt[];
}

/**
 * What this farmer holds that the workdir does not know yet: tasks claimed ahead and not
 * started (the queue), attempts that ended, and attempts put back. A sync takes a batch and,
 * when the workdir did not take it (lock held after a stop, workdir not answering), puts it back
 * in front, so that nothing is lost or recorded out of order.
 */
export class Holdings {
  /** Claimed, not yet started: short tasks are claimed ahead so the lock is taken per batch, not per task. */
  private queue: Claim[] = [];
  private completions: Completion[] = [];
  private stopped: Attempt[] = [];

  get queued(): number {
    return this.queue.length;
  }

  get ended(): number {
    return this.completions.length;
  }

  /** Attempts waiting to be recorded. */
  get unrecorded(): number {
    return this.completions.length + this.stopped.length;
  }

  claimed(claims: Claim[]): void {
    this.queue.push(...claims);
  }

  /** The next claimed task to start. */
  next(): Claim | undefined {
    return this.queue.shift();
  }

  complete(c: Completion): void {
    this.completions.push(c);
  }

  putBackLater(a: Attempt): void {
    this.stopped.push(a);
  }

  /** Claimed ahead but not started: back to the pool (a drain, a stop). */
  handBack(): void {
    for (const c of this.queue.splice(0)) this.stopped.push({ id: c.id, attempt: c.attempt });
  }

  /** Everything to record now. */
  take(): Batch {
    return { completions: this.completions.splice(0), stopped: this.stopped.splice(0) };
  }

  /** A batch the workdir did not take: first in line for the next sync. */
  putBack(b: Batch): void {
    this.completions.unshift(...b.completions);
    this.stopped.unshift(...b.stopped);
  }

  /** Every task held here. */
  ids(): Set<number> {
    return new Set([...this.queue, ...this.completions, ...this.stopped].map((c) => c.id));
  }

  /** A rejoin: what was held belongs to a farmer the others took everything back from. */
  forget(): void {
    this.queue = [];
    this.completions = [];
    this.stopped = [];
  }
}
