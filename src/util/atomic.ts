import { closeSync, fsyncSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createFresh } from './no-follow.js';

/**
 * A check that the writer may still write (the workdir's lock fence, workdir/fence.ts): it
 * throws once the lock is not ours. `afterWrite` says the write may already have landed.
 */
export interface WriteFence {
  check(afterWrite?: boolean): void;
}

/**
 * Replaces a file whole or not at all: write a temp file beside it, fsync it, rename it over the
 * old one. A reader (another farmer, another job sharing the workdir) never sees half a file,
 * and a crash leaves the old one. Files are created 0644: never writable by others, whatever
 * the umask. The temp file is created fresh (O_EXCL|O_NOFOLLOW): nothing planted at its name is
 * written through. With a `fence`, the rename happens only while the fence holds (the temp file
 * goes if it does not), and the fence is checked again after it.
 */
export function writeFileAtomic(
  path: string,
  chunks: Iterable<string> | string,
  fence?: WriteFence,
  mode = 0o644,
): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = createFresh(tmp, mode);
  try {
    if (typeof chunks === 'string') {
      writeSync(fd, chunks);
    } else {
      // Big files (a million-line toprocess) are written in 1 MiB pieces, not built whole.
      let pending = '';
      for (const c of chunks) {
        pending += c;
        if (pending.length >= 1 << 20) {
          writeSync(fd, pending);
          pending = '';
        }
      }
      if (pending) writeSync(fd, pending);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (fence) {
    try {
      fence.check();
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
  renameSync(tmp, path);
  fence?.check(true);
}
