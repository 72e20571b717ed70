import { formatDuration } from '../util/duration.js';
import { errorCode, isUnreachable } from '../workdir/fs-errors.js';

/** Thrown (as the farm's fatal error) when the workdir stayed unreachable past `--fs-wait`. */
export class WorkdirGoneError extends Error {}

/**
 * A workdir that stopped answering (ENOTCONN, EIO, ESTALE… see fs-errors.ts): the farmer stops
 * starting tasks and retries every second, saying so once; when the filesystem answers again it
 * says so and goes on; after `limitMs` it gives up (exit 74). Running tasks are left running
 * meanwhile: a short outage (a server restart) should cost nothing.
 */
export class FsOutage {
  private since: number | undefined;
  private code = '';

  constructor(
    private readonly dir: string,
    private readonly limitMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** True while the workdir is known not to answer. */
  get waiting(): boolean {
    return this.since !== undefined;
  }

  /**
   * An error from the workdir. Returns undefined when the farmer should wait and retry, or the
   * error to stop on: the original one if it is no outage (a full disk), or a WorkdirGoneError
   * once the outage lasted longer than the limit.
   */
  failed(err: unknown, now = Date.now()): Error | undefined {
    if (!isUnreachable(err)) return err as Error;
    if (this.since === undefined) {
      this.since = now;
      this.code = errorCode(err);
      this.warn(
        `workdir ${this.dir} is not answering (${this.code}); no new tasks, running ones go on; ` +
          `waiting up to ${formatDuration(this.limitMs)} (--fs-wait) for it to come back`,
      );
    }
    if (now - this.since < this.limitMs) return undefined;
    return new WorkdirGoneError(
      `workdir ${this.dir} unreachable for ${formatDuration(now - this.since)} (${this.code}), more than ` +
        `--fs-wait ${formatDuration(this.limitMs)}: giving up; its running tasks were stopped and go back ` +
        `to the pool when its lease expires`,
    );
  }

  /** The workdir answered: end of the outage, if there was one. */
  ok(now = Date.now()): void {
    if (this.since === undefined) return;
    this.warn(`workdir ${this.dir} answers again after ${formatDuration(now - this.since)}; going on`);
    this.since = undefined;
  }
}
