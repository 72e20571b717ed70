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
export function checkStateFiles(l: Layout): void {
  const kind = (path: string): Stats | undefined => {
    try {
      return statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      // A filesystem that does not answer is an outage (fs-errors.ts), not a damaged workdir.
      if (isUnreachable(err)) throw err;
      throw new UsageError(`workdir ${l.dir}: ${path} cannot be read (${code})`);
    }
  };
  const bad = (path: string, what: string) => new UsageError(`workdir ${l.dir} is damaged: ${path} ${what}`);
  for (const dir of [l.logs, l.state, l.journals, l.history]) {
    const st = kind(dir);
    if (st && !st.isDirectory()) throw bad(dir, 'should be a directory');
  }
  for (const file of [l.toprocess, l.finished, l.failed, l.timeline, l.meta, l.carry]) {
    const st = kind(file);
    if (st && !st.isFile()) throw bad(file, 'should be a regular file');
  }
  let names: string[] = [];
  try {
    names = readdirSync(l.journals);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith('.jsonl')) continue;
    const path = join(l.journals, name);
    const st = kind(path);
    if (st && !st.isFile()) throw bad(path, 'should be a journal file');
  }
}
