/**
 * When the sync loop's rounds run: one at a time, on the next turn of the event loop once asked
 * for; asked for during a round, one more follows it. A round can also be asked for later, with
 * one timer per purpose (asking again while it is due changes nothing).
 */
export class Rounds<Purpose extends string> {
  private running = false;
  private again = false;
  private readonly later = new Map<Purpose, NodeJS.Timeout>();

  constructor(
    private readonly round: () => Promise<void>,
    /** False before the loop starts and once it closes: requests are dropped. */
    private readonly allowed: () => boolean,
  ) {}

  request(): void {
    if (!this.allowed()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    setImmediate(() => void this.round());
  }

  /** A round in `ms`, unless one for the same purpose is already due. */
  soon(purpose: Purpose, ms: number): void {
    if (this.later.has(purpose)) return;
    const t = setTimeout(() => {
      this.later.delete(purpose);
      this.request();
    }, ms);
    this.later.set(purpose, t);
  }

  /** The round has done its work: from now on a request starts the next one. */
  done(): void {
    this.running = false;
  }

  /** One more round is wanted after this one. */
  askAgain(): void {
    this.again = true;
  }

  /** Whether one more round was asked for during this one (and forget it). */
  takeAgain(): boolean {
    const again = this.again;
    this.again = false;
    return again;
  }

  /** No more rounds: the loop closes. */
  cancel(): void {
    for (const t of this.later.values()) clearTimeout(t);
  }
}
