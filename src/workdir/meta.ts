import { createHash } from 'node:crypto';
import { closeSync, fstatSync, readFileSync, readSync } from 'node:fs';
import { UsageError } from '../util/errors.js';
import { readRange, writeFileAtomic } from './files.js';
import type { Layout } from './layout.js';
import { openTasklist } from './tasklist-file.js';
import type { Fence } from './fence.js';

/**
 * What the workdir remembers of its tasklist, to tell "lines were appended" (new tasks) from
 * "the file was edited" (ids would silently point at other commands).
 */
export interface Meta {
  version: 1;
  tasklist: string;
  /** Bytes of the tasklist turned into tasks so far. */
  bytes: number;
  /** sha256 of those bytes. */
  sha256: string;
  /** Number of tasks they hold: the next appended line gets this id. */
  tasks: number;
  created: string;
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** The meta of a workdir made (or adopted) now from the tasklist's bytes `buf`, which hold `tasks` tasks. */
export function newMeta(tasklist: string, buf: Buffer, tasks: number): Meta {
  return { version: 1, tasklist, bytes: buf.length, sha256: sha256(buf), tasks, created: new Date().toISOString() };
}

export function readMeta(paths: Layout): Meta | undefined {
  try {
    return JSON.parse(readFileSync(paths.meta, 'utf8')) as Meta;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`workdir ${paths.dir}: ${paths.meta} is unreadable or corrupt (${(err as Error).message})`);
  }
}

export function writeMeta(paths: Layout, meta: Meta, fence?: Fence): void {
  writeFileAtomic(paths.meta, [JSON.stringify(meta, null, 2) + '\n'], fence);
}

/** What was appended to a tasklist since its meta was written. */
export interface Appended {
  /** The complete lines appended (a last line without its newline is left for later). */
  bytes: Buffer;
  /** sha256 of the tasklist up to the end of those lines: the next meta's. */
  sha256: string;
}

/**
 * Checks that the tasklist still starts with the bytes the workdir was made from, and returns
 * the bytes appended since, or throws a UsageError naming both files. The checked part is
 * hashed in chunks, never held whole: continuing a farm of a million tasks does not keep a
 * copy of its tasklist in memory.
 */
export function appendedSince(meta: Meta, tasklistPath: string, workdir: string): Appended {
  const changed = (why: string) =>
    new UsageError(
      `tasklist ${tasklistPath} changed since workdir ${workdir} was created (${why}); only appending lines is allowed — restore it or use a new --workdir`,
    );
  const fd = openTasklist(tasklistPath);
  try {
    const size = fstatSync(fd).size;
    const shorter = (n: number) => changed(`it is shorter: ${n} bytes, was ${meta.bytes}`);
    if (size < meta.bytes) throw shorter(size);
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, meta.bytes)));
    let pos = 0;
    let last = 0x0a;
    while (pos < meta.bytes) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, meta.bytes - pos), pos);
      if (n === 0) throw shorter(pos);
      hash.update(chunk.subarray(0, n));
      last = chunk[n - 1];
      pos += n;
    }
    if (hash.copy().digest('hex') !== meta.sha256) throw changed('its existing lines were edited');
    const rest = readRange(fd, meta.bytes, size);
    if (last !== 0x0a && rest.length > 0 && rest[0] !== 0x0a) throw changed('its last line was extended');
    const bytes = rest.subarray(0, rest.lastIndexOf(0x0a) + 1);
    return { bytes, sha256: hash.update(bytes).digest('hex') };
  } finally {
    closeSync(fd);
  }
}
