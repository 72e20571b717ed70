/** How the workdir lock behaves; the defaults suit NFS and Lustre. */
export interface LockOptions {
    /** A lock whose mtime is older than this (ms) was left by a dead farmer and is taken over. */
    stale: number;
    /** Called when a held lock turned out to be taken over (we only warn: sections are short). */
    onCompromised?: (err: Error) => void;
}
/**
 * Runs `fn` while holding the workdir lock (an atomic mkdir, safe on shared filesystems where
 * flock is not). The section is synchronous and short; contention waits with jittered backoff
 * and never gives up, so a busy workdir slows a farmer down but does not crash it.
 */
export declare function withLock<T>(path: string, opts: LockOptions, fn: () => T): Promise<T>;
