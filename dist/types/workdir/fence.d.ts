/** Thrown by a write under the lock when another farmer took the lock over meanwhile. */
export declare class LockLostError extends Error {
    /** True when a write of this section may already have reached its file. */
    readonly afterWrite: boolean;
    constructor(lock: string, 
    /** True when a write of this section may already have reached its file. */
    afterWrite: boolean);
}
/** What a locked section hands to every write it makes: `check()` throws LockLostError once the lock is not ours. */
export interface Fence {
    check(afterWrite?: boolean): void;
}
/** A fence for code that runs without the workdir lock (read-only tools, tests): never trips. */
export declare const NO_FENCE: Fence;
/**
 * The `fs` that proper-lockfile uses for one acquisition: its `mkdir` also creates our token
 * (and never makes a 0777 directory, whatever the umask), and its `rmdir` is either a release
 * (only of our own lock) or, while acquiring, the removal of a stale lock and whatever junk
 * was left inside it.
 */
export declare class LockToken implements Fence {
    readonly dir: string;
    private readonly stale;
    readonly name: string;
    /** Set while proper-lockfile runs its acquire: its rmdir then means "remove a stale lock". */
    acquiring: boolean;
    /** Ours since a successful mkdir, until released or found taken over. */
    held: boolean;
    constructor(dir: string, stale: number);
    check(afterWrite?: boolean): void;
    /** The fs handed to proper-lockfile (its sync adapter calls the *Sync methods). */
    fs(): Record<string, unknown>;
    private mkdir;
    /** Removes only our own lock: if our token is gone, the lock is someone else's now. */
    release(dir?: string): void;
    /**
     * proper-lockfile found the lock older than `stale` and wants it gone. Between its look and
     * now another farmer may have taken it over (a fresh token inside): then it is held, not
     * stale. Anything else inside (a dead holder's token, junk) goes with it.
     */
    private clearStale;
}
