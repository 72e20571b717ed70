import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { Layout } from './layout.js';
import { isUnreachable } from './fs-errors.js';

/**
 * Checks the kinds of the workdir's files before anything is read or written: a state file
 * that is a directory, or a folder of ours that is a file, is a damaged workdir (exit 2,
 * naming it), not a full disk. The lock is not checked: junk there is cleared once stale.
 */
export function checkStateFiles(paths: Layout): void {
  const kind = (path: string): Stats | undefined => {
    try {
      return statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      // A filesystem that does not answer is an outage (fs-errors.ts), not a damaged workdir.
      if (isUnreachable(err)) throw err;
      throw new UsageError(`workdir ${paths.dir}: ${path} cannot be read (${code})`);
    }
  };
  const bad = (path: string, what: string) => new UsageError(`workdir ${paths.dir} is damaged: ${path} ${what}`);
  for (const dir of [paths.logs, paths.state, paths.journals, paths.history]) {
    const stats = kind(dir);
    if (stats && !stats.isDirectory()) throw bad(dir, 'should be a directory');
  }
  for (const file of [paths.toprocess, paths.finished, paths.failed, paths.timeline, paths.meta, paths.carry]) {
    const stats = kind(file);
    if (stats && !stats.isFile()) throw bad(file, 'should be a regular file');
  }
  let names: string[] = [];
  try {
    names = readdirSync(paths.journals);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith('.jsonl')) continue;
    const path = join(paths.journals, name);
    const stats = kind(path);
    if (stats && !stats.isFile()) throw bad(path, 'should be a journal file');
  }
}
