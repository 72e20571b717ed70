import { closeSync, lstatSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../workdir/files.js';
import { makeDirs } from '../workdir/mkdirs.js';

/**
 * Writes a report file the way a user means it. `-` is stdout. A regular file of ours is
 * replaced atomically (temp file + rename: a reader never sees half a report). Anything else —
 * a symlink (`/dev/stdout`, a link into a shared folder), a FIFO, a device, a file owned by
 * someone else — is written through, in place: renaming over it would replace the link or the
 * special file itself (as root, `/dev/stdout` for the whole machine).
 */
export function writeOutputFile(path: string, chunks: Iterable<string>): void {
  const own = ownFd(path);
  if (own !== undefined) {
    writeThrough(own, chunks);
    return;
  }
  const st = lstatOrUndefined(path);
  if (st === undefined) {
    makeDirs(dirname(path), 0o755, 'folder');
    writeFileAtomic(path, chunks);
  } else if (st.isFile() && (typeof process.getuid !== 'function' || st.uid === process.getuid())) {
    writeFileAtomic(path, chunks);
  } else {
    const fd = openSync(path, 'w');
    try {
      writeThrough(fd, chunks);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * `-`, /dev/stdout, /dev/stderr, /dev/fd/N: this process's own descriptor, used as it is (as
 * bash and awk do). Opening the path anew fails when the descriptor is a socket (ENXIO).
 */
function ownFd(path: string): number | undefined {
  if (path === '-' || path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes in pieces of about 1 MiB: a large report is never one more copy in memory. */
function writeThrough(fd: number, chunks: Iterable<string>): void {
  let pending = '';
  const flush = () => {
    const buf = Buffer.from(pending);
    for (let off = 0; off < buf.length;) off += writeSome(fd, buf, off);
    pending = '';
  };
  for (const c of chunks) {
    pending += c;
    if (pending.length >= 1 << 20) flush();
  }
  if (pending) flush();
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Node may have made stdout's pipe non-blocking: when it is full, wait for the reader. */
function writeSome(fd: number, buf: Buffer, off: number): number {
  for (;;) {
    try {
      return writeSync(fd, buf, off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}
