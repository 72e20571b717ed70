import type { Layout } from './layout.js';
/**
 * Checks the kinds of the workdir's files before anything is read or written: a state file
 * that is a directory, or a folder of ours that is a file, is a damaged workdir (exit 2,
 * naming it), not a full disk. The lock is not checked: junk there is cleared once stale.
 */
export declare function checkStateFiles(paths: Layout): void;
