import { type Fence } from './fence.js';
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
export declare class LockWaitAborted extends Error {
    constructor(path: string);
}
/**
 * Runs `fn` while holding the workdir lock (an atomic mkdir, safe on shared filesystems where
 * flock is not). The section is synchronous and short; contention waits with jittered backoff
 * and never gives up unless told to, so a busy workdir slows a farmer down but does not crash
 * it. `fn` gets the lock's fence: every write it makes checks it (see fence.ts), so a holder
 * that stalled past `stale` and lost the lock writes nothing more (LockLostError).
 */
export declare function withLock<T>(path: string, opts: LockOptions, fn: (fence: Fence) => T): Promise<T>;
