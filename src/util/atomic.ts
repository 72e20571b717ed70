import { closeSync, fsyncSync, renameSync, writeSync } from 'node:fs';
import { createFresh } from './no-follow.js';

/**
 * Replaces a file whole or not at all: write a temp file beside it, fsync it, rename it over the
 * old one. A reader (another farmer, another job sharing the workdir) never sees half a file,
 * and a crash leaves the old one. Files are created 0644: never writable by others, whatever
 * the umask. The temp file is created fresh (O_EXCL|O_NOFOLLOW): nothing planted at its name is
 * written through.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string> | string, mode = 0o644): void {
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
  renameSync(tmp, path);
}
