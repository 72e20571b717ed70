import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { isUnreachable } from './fs-errors.js';
import { UsageError } from '../util/errors.js';
import { tasklistBytesProblem } from '../tasklist/parse.js';

/**
 * Opens the tasklist for reading, refusing anything but a regular file. A FIFO with no writer
 * blocks open() — in Node's main thread, where no signal handler can run, so SIGTERM and
 * SIGINT were ignored until someone wrote to it. O_NONBLOCK makes such an open return at once
 * (it has no effect on reading a regular file), and fstat then says what it really is.
 */
export function openTasklist(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new UsageError(
        stats.isDirectory()
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
    // A filesystem that does not answer is no mistake in the input: exit 74, not 2.
    if (err instanceof UsageError || isUnreachable(err)) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`tasklist ${path} does not exist`);
    if (code === 'EACCES') throw new UsageError(`tasklist ${path} is not readable (permission denied)`);
    if (code === 'EISDIR') throw new UsageError(`tasklist ${path} is a directory, not a file`);
    throw new UsageError(`tasklist ${path} cannot be read (${code ?? (err as Error).message})`);
  }
}

/** How long a tasklist must have been left alone for a last line without a newline to count. */
export const QUIET_MS = 2_000;

/**
 * The bytes of the tasklist a fresh workdir is made from. A last line without its newline is
 * either complete (editors often save without one) or still being written (a generator, a
 * copy in progress): it counts only once the file has not changed for QUIET_MS. A file changed
 * more recently is looked at again when it has been quiet that long, waiting at most QUIET_MS;
 * if it changed again meanwhile, the unfinished line is left out, and becomes a task like any
 * appended line once its newline arrives.
 */
export async function settledTasklist(path: string, buf: Buffer): Promise<{ buf: Buffer; upTo: number }> {
  const whole = (b: Buffer) => b.length === 0 || b[b.length - 1] === 0x0a;
  if (whole(buf)) return { buf, upTo: buf.length };
  let age = Date.now() - mtimeOf(path);
  if (age < QUIET_MS) {
    await new Promise((r) => setTimeout(r, QUIET_MS - age + 50));
    buf = readTasklist(path, true)!;
    if (whole(buf)) return { buf, upTo: buf.length };
    age = Date.now() - mtimeOf(path);
  }
  return { buf, upTo: age >= QUIET_MS ? buf.length : buf.lastIndexOf(0x0a) + 1 };
}

function mtimeOf(path: string): number {
  const fd = openTasklist(path);
  try {
    return fstatSync(fd).mtimeMs;
  } finally {
    closeSync(fd);
  }
}

/** A UsageError naming the tasklist's line if its bytes cannot be run as they are. */
export function checkTasklistBytes(path: string, buf: Buffer, firstLine = 1): void {
  const problem = tasklistBytesProblem(buf, firstLine);
  if (problem) throw new UsageError(`tasklist ${path}: ${problem}`);
}
