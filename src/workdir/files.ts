import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { APPEND_NO_FOLLOW, READ_APPEND_NO_FOLLOW } from '../util/no-follow.js';
import { FILE_MODE } from './layout.js';
import { NO_FENCE, type Fence } from './fence.js';

// One home for atomic replacement (util/), re-exported for the workdir's own modules.
export { writeFileAtomic } from '../util/atomic.js';

/**
 * Appends whole lines to a shared file (finished, failed). Called under the workdir lock. If a
 * writer died mid-line (disk full), the torn tail is cut first so no later line is glued to it.
 * Open/append/close on every call: on NFS, close-to-open consistency is what makes the next
 * lock holder see these bytes.
 */
export function appendLines(path: string, text: string, fence: Fence = NO_FENCE): void {
  if (text.length === 0) return;
  const fd = openSync(path, READ_APPEND_NO_FOLLOW, FILE_MODE);
  try {
    // The open may have blocked (a hung NFS server, a stopped process): is the lock still ours?
    fence.check();
    const size = fstatSync(fd).size;
    if (size > 0) {
      const end = endOfLastLine(fd, size);
      if (end !== size) ftruncateSync(fd, end);
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  fence.check(true);
}

/**
 * Appends to a file only its writer appends to (a journal): no torn-tail repair needed. Never
 * through a symlink planted at its name (O_NOFOLLOW).
 */
export function appendOwn(path: string, text: string, fence: Fence = NO_FENCE): void {
  const fd = openSync(path, APPEND_NO_FOLLOW, FILE_MODE);
  try {
    fence.check();
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  fence.check(true);
}

/** Byte length of the file up to and including its last newline. */
function endOfLastLine(fd: number, size: number): number {
  const buf = Buffer.alloc(Math.min(size, 64 * 1024));
  let pos = size;
  while (pos > 0) {
    const len = Math.min(buf.length, pos);
    readSync(fd, buf, 0, len, pos - len);
    const nl = buf.subarray(0, len).lastIndexOf(0x0a);
    if (nl >= 0) return pos - len + nl + 1;
    pos -= len;
  }
  return 0;
}

/**
 * Calls `read` with the file open for reading and its size at that moment, and closes it; does
 * nothing if it cannot be opened (not there yet, or compacted away): readers of journals and
 * per-worker logs take a missing file for an empty one.
 */
export function withOpenFile(path: string, read: (fd: number, size: number) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    read(fd, fstatSync(fd).size);
  } finally {
    closeSync(fd);
  }
}

/** Reads bytes [from, to) of a file. */
export function readRange(fd: number, from: number, to: number): Buffer {
  const buf = Buffer.alloc(to - from);
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd, buf, off, buf.length - off, from + off);
    if (n === 0) break;
    off += n;
  }
  return off === buf.length ? buf : buf.subarray(0, off);
}

/** The last `max` bytes of a file, or '' if it does not exist. */
export function readTail(path: string, max: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    // Absent is empty; any other error (a filesystem not answering) must not read as "no lines".
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    const from = Math.max(0, size - max);
    let text = readRange(fd, from, size).toString('utf8');
    if (from > 0) text = text.slice(text.indexOf('\n') + 1);
    return text;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends Chrome trace events to a JSON array file in O(1): the closing `]` is overwritten, so
 * the file stays a valid array after every call (PyTaskFarmer rewrites the whole file instead).
 */
export function appendJsonArray(path: string, items: string[], fence: Fence = NO_FENCE): void {
  if (items.length === 0) return;
  const fd = openSync(path, READ_APPEND_NO_FOLLOW, FILE_MODE);
  try {
    fence.check();
    const size = fstatSync(fd).size;
    // Find where the array's content ends: just before the final `]` (or a torn tail).
    const tail = readRange(fd, Math.max(0, size - 4096), size).toString('latin1');
    const base = Math.max(0, size - 4096);
    const close = tail.lastIndexOf(']');
    let cut: number;
    let empty: boolean;
    if (size === 0 || tail.trim() === '') {
      cut = 0;
      empty = true;
    } else if (close >= 0 && tail.slice(close + 1).trim() === '') {
      cut = base + close;
      const before = tail.slice(0, close).trimEnd();
      empty = before.endsWith('[');
      // Keep the array's closing bracket where the content ends, without blank lines.
      cut = base + before.length;
    } else {
      // Torn by a crash mid-write: keep everything up to the last complete event.
      const lastObj = tail.lastIndexOf('},\n');
      const open = tail.indexOf('[');
      cut = lastObj >= 0 ? base + lastObj + 1 : open >= 0 ? base + open + 1 : 0;
      empty = lastObj < 0;
    }
    const body = (cut === 0 ? '[\n' : empty ? '\n' : ',\n') + items.join(',\n') + '\n]\n';
    ftruncateSync(fd, cut);
    writeSync(fd, body, cut);
  } finally {
    closeSync(fd);
  }
  fence.check(true);
}

/** A file's bytes and which version of the file they are (inode, size, mtime). */
export interface FileSnapshot {
  buf: Buffer;
  version: string;
}

const versionOf = (stats: Stats) => `${stats.ino}:${stats.size}:${stats.mtimeMs}`;

export function readSnapshot(path: string): FileSnapshot {
  const fd = openSync(path, 'r');
  try {
    return { buf: readFileSync(fd), version: versionOf(fstatSync(fd)) };
  } finally {
    closeSync(fd);
  }
}

/** The snapshot's bytes if the file has not changed since (replaced or rewritten), else a new read. */
export function rereadSnapshot(path: string, snap: FileSnapshot | undefined): FileSnapshot {
  const stats = statSync(path, { throwIfNoEntry: false });
  return snap && stats && versionOf(stats) === snap.version ? snap : readSnapshot(path);
}
