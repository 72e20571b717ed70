import { appendFileSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';

/** A file outside the workdir that a hostile co-user would like the farmer to overwrite. */
function victim(): string {
  const path = join(tempDir('tf-victim-'), 'precious');
  writeFileSync(path, 'line one\nline two\n');
  return path;
}

describe('nothing the farmer writes follows a symlink planted in the workdir', () => {
  for (const [label, env] of [
    ['through the perl launcher', {}],
    ['without perl (Node spawns the task)', { PATH: '/nonexistent' }],
  ] as const) {
    it(`a planted logs/log_0 symlink is replaced by the task's own log, its target untouched (${label})`, async () => {
      const dir = tempDir();
      const tasklist = writeTasks(dir, ['echo hello', 'echo world']);
      const wd = join(dir, 'wd');
      const target = victim();
      mkdirSync(join(wd, 'logs'), { recursive: true });
      symlinkSync(target, join(wd, 'logs', 'log_0'));
      const r = await runCli([tasklist, '-w', wd, '-n', '1'], { env });
      expect(r.code).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe('line one\nline two\n');
      expect(lstatSync(join(wd, 'logs', 'log_0')).isSymbolicLink()).toBe(false);
      expect(readFileSync(join(wd, 'logs', 'log_0'), 'utf8')).toBe('hello\n');
      expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1]);
    });
  }

  for (const name of ['finished', 'failed', 'toprocess', 'timeline.json', 'logs', '.taskfarmer/meta.json']) {
    it(`a workdir whose ${name} is a symlink is refused: exit 2, one line, the target untouched`, async () => {
      const dir = tempDir();
      const tasklist = writeTasks(dir, ['echo a', 'exit 3']);
      const wd = join(dir, 'wd');
      expect((await runCli([tasklist, '-w', wd])).code).toBe(1);
      appendFileSync(tasklist, 'echo b\n');
      const target = name === 'logs' ? tempDir('tf-victim-') : victim();
      const before = name === 'logs' ? '' : readFileSync(target, 'utf8');
      rmSync(join(wd, name), { recursive: true });
      symlinkSync(target, join(wd, name));
      const r = await runCli([tasklist, '-w', wd]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^taskfarmer: workdir .*: ${name.replace('.', '\\.')} is a symbolic link`)),
      ]);
      if (name !== 'logs') expect(readFileSync(target, 'utf8')).toBe(before);
    });
  }
});
