import type { Layout } from './layout.js';
/** Refuses (UsageError, nothing written) a workdir whose state files or folders are symlinks. */
export declare function refuseSymlinks(paths: Layout): void;
/**
 * One warning (per workdir and process) when the workdir, its state files or the tasklist can
 * be changed by someone else: writable by group or others, or owned by another user. Only the
 * tasklist's commands ever run, but such a user can still requeue, hide or fail tasks.
 */
export declare function warnIfShared(paths: Layout, tasklist: string, warn: (msg: string) => void): void;
