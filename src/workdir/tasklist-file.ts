import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { UsageError } from '../util/errors.js';

/**
 * Opens the tasklist for reading, refusing anything but a regular file. A FIFO with no writer
 * blocks open() — in Node's main thread, where no signal handler can run, so SIGTERM and
 * SIGINT were ignored until someone wrote to it. O_NONBLOCK makes such an open return at once
 * (it has no effect on reading a regular file), and fstat then says what it really is.
 */
export function openTasklist(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new UsageError(
        st.isDirectory()
          ? `tasklist ${path} is a directory, not a file`
          : `tasklist ${path} is not a regular file (a FIFO, socket or device cannot be a tasklist: ids must stay stable)`,
      );
    }
    return fd;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** The tasklist's bytes (`whole`), or only a check that it is a readable file; a UsageError if not. */
export function readTasklist(path: string, whole: boolean): Buffer | undefined {
  try {
    const fd = openTasklist(path);
    try {
      return whole ? readFileSync(fd) : undefined;
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`tasklist ${path} does not exist`);
    if (code === 'EACCES') throw new UsageError(`tasklist ${path} is not readable (permission denied)`);
    if (code === 'EISDIR') throw new UsageError(`tasklist ${path} is a directory, not a file`);
    throw new UsageError(`tasklist ${path} cannot be read (${code ?? (err as Error).message})`);
  }
}
