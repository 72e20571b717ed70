import lockfile from 'proper-lockfile';
import { LockToken, type Fence } from './fence.js';

/** How the workdir lock behaves; the defaults suit NFS and Lustre. */
export interface LockOptions {
  /** A lock whose mtime is older than this (ms) was left by a dead farmer and is taken over. */
  stale: number;
  /** Called when proper-lockfile finds a held lock was taken over (the fence is what protects the writes). */
  onCompromised?: (err: Error) => void;
  /** Aborting it ends a wait for the lock with LockWaitAborted (a stop must not wait for a stalled holder). */
  signal?: AbortSignal;
  /** Give up waiting after this many ms (LockWaitAborted). */
  maxWait?: number;
}

/** The wait for the lock was given up (stop requested, or `maxWait` passed): nothing was done. */
export class LockWaitAborted extends Error {
  constructor(path: string) {
    super(`gave up waiting for the workdir lock ${path}`);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding the workdir lock (an atomic mkdir, safe on shared filesystems where
 * flock is not). The section is synchronous and short; contention waits with jittered backoff
 * and never gives up unless told to, so a busy workdir slows a farmer down but does not crash
 * it. `fn` gets the lock's fence: every write it makes checks it (see fence.ts), so a holder
 * that stalled past `stale` and lost the lock writes nothing more (LockLostError).
 */
export async function withLock<T>(path: string, opts: LockOptions, fn: (fence: Fence) => T): Promise<T> {
  const { token, release } = await acquire(path, opts);
  try {
    return fn(token);
  } finally {
    try {
      release();
    } catch {
      // proper-lockfile saw it compromised (its mtime was not ours): remove it if still ours.
      token.release();
    }
  }
}

async function acquire(path: string, opts: LockOptions): Promise<{ token: LockToken; release: () => void }> {
  let wait = 1;
  const until = opts.maxWait === undefined ? Infinity : Date.now() + opts.maxWait;
  for (;;) {
    const token = new LockToken(path, opts.stale);
    token.acquiring = true;
    try {
      const release = lockfile.lockSync(path, {
        realpath: false,
        lockfilePath: path,
        stale: opts.stale,
        update: Math.max(1000, Math.floor(opts.stale / 3)),
        fs: token.fs(),
        onCompromised: opts.onCompromised ?? (() => {}),
      });
      return { token, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    } finally {
      token.acquiring = false;
    }
    // Only a wait is given up: a free lock is taken even after a stop, to record it properly.
    if (opts.signal?.aborted || Date.now() > until) throw new LockWaitAborted(path);
    await sleep(wait * (0.5 + Math.random()));
    wait = Math.min(wait * 2, 100);
  }
}
