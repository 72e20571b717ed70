import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../util/errors.js';

/**
 * Creates `dir` and its missing parents one level at a time, and says in one line why one
 * cannot be made. Node's `mkdirSync(…, { recursive: true })` never returns under /proc or
 * /sys (mkdir there fails with ENOENT, the parent exists, and it tries again forever, at 100%
 * CPU and deaf to SIGTERM since the loop is synchronous).
 */
export function makeDirs(dir: string, mode: number, what: string): void {
  const missing: string[] = [];
  for (let p = dir; !exists(p); p = dirname(p)) {
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      mkdirSync(p, { mode });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue; // another farmer made it meanwhile
      throw new UsageError(`${what} ${dir} cannot be created (mkdir ${p}: ${code ?? String(err)})`);
    }
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
