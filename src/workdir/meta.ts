import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../util/errors.js';
import { writeFileAtomic } from './files.js';
import type { Layout } from './layout.js';

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

export function readMeta(l: Layout): Meta | undefined {
  try {
    return JSON.parse(readFileSync(l.meta, 'utf8')) as Meta;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`workdir ${l.dir}: ${l.meta} is unreadable or corrupt (${(err as Error).message})`);
  }
}

export function writeMeta(l: Layout, meta: Meta): void {
  writeFileAtomic(l.meta, [JSON.stringify(meta, null, 2) + '\n']);
}

/**
 * Checks that the tasklist still starts with the bytes the workdir was made from, and returns
 * the bytes appended since (complete lines only), or throws a UsageError naming both files.
 */
export function appendedBytes(meta: Meta, tasklistPath: string, buf: Buffer, workdir: string): Buffer {
  const changed = (why: string) =>
    new UsageError(
      `tasklist ${tasklistPath} changed since workdir ${workdir} was created (${why}); only appending lines is allowed — restore it or use a new --workdir`,
    );
  if (buf.length < meta.bytes) throw changed(`it is shorter: ${buf.length} bytes, was ${meta.bytes}`);
  if (sha256(buf.subarray(0, meta.bytes)) !== meta.sha256) throw changed('its existing lines were edited');
  let rest = buf.subarray(meta.bytes);
  const endedWithNewline = meta.bytes === 0 || buf[meta.bytes - 1] === 0x0a;
  if (!endedWithNewline && rest.length > 0) {
    if (rest[0] !== 0x0a) throw changed('its last line was extended');
  }
  const complete = rest.lastIndexOf(0x0a) + 1;
  rest = rest.subarray(0, complete);
  return rest;
}
