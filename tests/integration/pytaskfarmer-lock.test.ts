/**
 * Living beside PyTaskFarmer: while our farmer runs it holds the flock PyTaskFarmer takes on
 * `WORKDIR/lock` (or, with $SCRATCH set, `$SCRATCH/<md5 of the workdir>_lock`), so a
 * PyTaskFarmer started on the same workdir cannot pop tasks meanwhile. The check takes the lock
 * exactly as PyTaskFarmer does (python's fcntl.flock, LOCK_EX | LOCK_NB).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';

const python = spawnSync('python3', ['-c', 'import fcntl']).status === 0;
if (!python) console.warn('skipping the PyTaskFarmer lock tests: python3 with fcntl is not available');

/** Whether PyTaskFarmer's lock attempt on `path` would succeed now. */
function pyCanLock(path: string): boolean {
  const code = `import fcntl,sys
f=open(sys.argv[1],'w+')
try:
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
except OSError:
    sys.exit(3)
`;
  const r = spawnSync('python3', ['-c', code, path]);
  if (r.status !== 0 && r.status !== 3) throw new Error(`python3: ${r.stderr.toString()}`);
  return r.status === 0;
}

describe.skipIf(!python)("PyTaskFarmer's lock", () => {
  for (const scratch of [false, true]) {
    it(`is held while our farmer runs, and free after${scratch ? ' ($SCRATCH variant)' : ''}`, async () => {
      const dir = tempDir('tf-pylock-');
      const started = join(dir, 'started');
      const release = join(dir, 'release');
      const tasks = writeTasks(dir, [`echo x > ${started}; while [ ! -e ${release} ]; do sleep 0.1; done`]);
      const wd = join(dir, 'wd');
      const env = scratch ? { SCRATCH: dir } : { SCRATCH: undefined, TMP: undefined, TMPDIR: undefined };
      const lock = scratch ? `${dir}/${createHash('md5').update(wd).digest('hex')}_lock` : join(wd, 'lock');
      const farmer = startCli([tasks, '-w', wd, '-q'], { env });
      await waitFor(() => {
        try {
          return readFileSync(started, 'utf8').length > 0;
        } catch {
          return false;
        }
      });
      expect(pyCanLock(lock)).toBe(false);
      writeFileSync(release, '');
      const r = await farmer.done;
      expect(r.code, r.stderr).toBe(0);
      expect(pyCanLock(lock)).toBe(true);
    }, 60_000);
  }
});
