import { type Fence } from './fence.js';
export { writeFileAtomic } from '../util/atomic.js';
/**
 * Appends whole lines to a shared file (finished, failed). Called under the workdir lock. If a
 * writer died mid-line (disk full), the torn tail is cut first so no later line is glued to it.
 * Open/append/close on every call: on NFS, close-to-open consistency is what makes the next
 * lock holder see these bytes.
 */
export declare function appendLines(path: string, text: string, fence?: Fence): void;
/**
 * Appends to a file only its writer appends to (a journal): no torn-tail repair needed. Never
 * through a symlink planted at its name (O_NOFOLLOW).
 */
export declare function appendOwn(path: string, text: string, fence?: Fence): void;
/**
 * Calls `read` with the file open for reading and its size at that moment, and closes it; does
 * nothing if it cannot be opened (not there yet, or compacted away): readers of journals and
 * per-worker logs take a missing file for an empty one.
 */
export declare function withOpenFile(path: string, read: (fd: number, size: number) => void): void;
/** Reads bytes [from, to) of a file. */
export declare function readRange(fd: number, from: number, to: number): Buffer;
/** The last `max` bytes of a file, or '' if it does not exist. */
export declare function readTail(path: string, max: number): string;
/**
 * Appends Chrome trace events to a JSON array file in O(1): the closing `]` is overwritten, so
 * the file stays a valid array after every call (PyTaskFarmer rewrites the whole file instead).
 */
export declare function appendJsonArray(path: string, items: string[], fence?: Fence): void;
/** A file's bytes and which version of the file they are (inode, size, mtime). */
export interface FileSnapshot {
    buf: Buffer;
    version: string;
}
export declare function readSnapshot(path: string): FileSnapshot;
/** The snapshot's bytes if the file has not changed since (replaced or rewritten), else a new read. */
export declare function rereadSnapshot(path: string, snap: FileSnapshot | undefined): FileSnapshot;
