import lockfile from 'proper-lockfile';

/** How the workdir lock behaves; the defaults suit NFS and Lustre. */
export interface LockOptions {
  /** A lock whose mtime is older than this (ms) was left by a dead farmer and is taken over. */
  stale: number;
  /** Called when a held lock turned out to be taken over (we only warn: sections are short). */
  onCompromised?: (err: Error) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding the workdir lock (an atomic mkdir, safe on shared filesystems where
 * flock is not). The section is synchronous and short; contention waits with jittered backoff
 * and never gives up, so a busy workdir slows a farmer down but does not crash it.
 */
export async function withLock<T>(path: string, opts: LockOptions, fn: () => T): Promise<T> {
  const release = await acquire(path, opts);
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
      // Already released or taken over after a long stall: nothing left to undo.
    }
  }
}

async function acquire(path: string, opts: LockOptions): Promise<() => void> {
  let wait = 1;
  for (;;) {
    try {
      return lockfile.lockSync(path, {
        realpath: false,
        lockfilePath: path,
        stale: opts.stale,
        update: Math.max(1000, Math.floor(opts.stale / 3)),
        onCompromised: opts.onCompromised ?? (() => {}),
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    }
    await sleep(wait * (0.5 + Math.random()));
    wait = Math.min(wait * 2, 100);
  }
}
