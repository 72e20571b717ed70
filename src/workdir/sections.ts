import { LockLostError, NO_FENCE, type Fence } from './fence.js';
import { withLock } from './lock.js';

/**
 * Runs a farmer's locked sections. While one runs, `fence` is the lock's: every write checks
 * it, so a farmer that stalled past --lock-stale (another took the lock over and went on)
 * writes nothing more. Such a section is run again under a new lock, after `reread`: no
 * decision then rests on what was read before.
 */
export class LockedSections {
  /** The lock's fence while a section runs, NO_FENCE between sections. */
  fence: Fence = NO_FENCE;
  /** The lock was taken from us mid-section: what we read may be stale, read it all again. */
  private resync = false;

  constructor(
    private readonly lockPath: string,
    private readonly options: { lockStale: number; warn: (msg: string) => void; signal?: AbortSignal },
    private readonly reread: () => void,
  ) {}

  /** Runs `fn` once under the lock (LockLostError goes to the caller). */
  once<T>(fn: () => T, maxWait?: number): Promise<T> {
    const lockOptions = {
      stale: this.options.lockStale,
      onCompromised: (err: Error) => this.options.warn(`workdir lock: ${err.message}`),
      signal: this.options.signal,
      maxWait,
    };
    return withLock(this.lockPath, lockOptions, (fence) => {
      this.fence = fence;
      try {
        return fn();
      } finally {
        this.fence = NO_FENCE;
      }
    });
  }

  /** Runs `fn` under the lock until a run keeps the lock to its end. */
  async run<T>(fn: () => T, maxWait?: number): Promise<T> {
    for (;;) {
      try {
        return await this.once(() => {
          if (this.resync) {
            this.resync = false;
            this.reread();
          }
          return fn();
        }, maxWait);
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        this.resync = true;
        this.options.warn(`${err.message}; reading the workdir again`);
      }
    }
  }
}
