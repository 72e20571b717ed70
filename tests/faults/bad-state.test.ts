/**
 * Bad bytes in the workdir's state: a journal record with an id outside the tasklist, a
 * corrupt `toprocess`, junk where our folders should be, junk inside a stale lock. None may
 * hang a farmer, make it allocate without bound, or pass for a full disk (exit 74): a bad
 * record is skipped with one warning; a damaged file is named, exit 2, nothing changed.
 */
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';
import { withLock } from '../../src/workdir/lock.js';

/** A finished workdir of 2 tasks, and its tasklist grown by 2 more lines (so the next run has work). */
async function grownWorkdir() {
  const dir = tempDir('tf-bad-');
  const tasks = writeTasks(dir, ['echo a', 'echo b']);
  const wd = join(dir, 'wd');
  expect((await runCli([tasks, '-w', wd, '-q'])).code).toBe(0);
  appendFileSync(tasks, 'echo c\necho d\n');
  return { dir, tasks, wd, journal: join(wd, '.taskfarmer', 'journal') };
}

/** Every file of a directory tree with its bytes, to show that nothing changed. */
function snapshot(dir: string): string {
  const out: Array<[string, string]> = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push([p, readFileSync(p, 'latin1')]);
    }
  };
  walk(dir);
  return JSON.stringify(out.sort());
}

describe('bad records in a journal', () => {
  it('a claim of task -1 is skipped with one warning; the farm ends (it hung before)', async () => {
    const { tasks, wd, journal } = await grownWorkdir();
    writeFileSync(join(journal, 'evil.jsonl'), '{"t":"claim","id":-1,"a":1,"ts":0}\n');
    const r = await runCli([tasks, '-w', wd, '-q', '--timeout', '40s']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/evil\.jsonl: skipping a journal record that is not valid \(task id -1/);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2, 3]);
  }, 60_000);

  it('an add of task 2,000,000,000 is skipped; nothing huge is allocated', async () => {
    const { tasks, wd, journal } = await grownWorkdir();
    writeFileSync(join(journal, 'evil.jsonl'), '{"t":"add","id":2000000000,"task":"touch /tmp/x"}\n');
    const r = await runCli([tasks, '-w', wd, '-q', '--timeout', '40s']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /skipping a journal record that is not valid \(task id 2000000000 is not one of the \d+ tasks/,
    );
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2, 3]);
  }, 60_000);

  it('records of unknown type or with an insane attempt are skipped too', async () => {
    const { tasks, wd, journal } = await grownWorkdir();
    writeFileSync(
      join(journal, 'evil.jsonl'),
      '{"t":"boom"}\n{"t":"claim","id":2,"a":99999999999,"ts":0}\n{"t":"requeue","id":3,"a":1.5,"why":"x"}\n[1]\n',
    );
    const r = await runCli([tasks, '-w', wd, '-q', '--timeout', '40s']);
    expect(r.code, r.stderr).toBe(0);
    // One warning, not one per record.
    expect(r.stderr.match(/skipping a journal record/g)).toHaveLength(1);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2, 3]);
  }, 60_000);
});

describe('a damaged workdir: exit 2 naming the file, nothing changed', () => {
  it('a toprocess line without an id', async () => {
    const { tasks, wd } = await grownWorkdir();
    writeFileSync(join(wd, 'toprocess'), '0 echo a\nnot a task line\n');
    const before = snapshot(wd);
    const r = await runCli([tasks, '-w', wd, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(wd, 'toprocess')}:2`);
    expect(snapshot(wd)).toBe(before);
  }, 60_000);

  it('a toprocess id far beyond the tasklist', async () => {
    const { tasks, wd } = await grownWorkdir();
    writeFileSync(join(wd, 'toprocess'), '2000000000 echo a\n');
    const r = await runCli([tasks, '-w', wd, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(wd, 'toprocess')}: task id 2000000000 is not one of the tasklist's 2 tasks`);
  }, 60_000);

  it('a file where the journal folder should be', async () => {
    const { tasks, wd, journal } = await grownWorkdir();
    rmSync(journal, { recursive: true });
    writeFileSync(journal, 'junk');
    const before = snapshot(wd);
    const r = await runCli([tasks, '-w', wd, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${journal} should be a directory`);
    expect(snapshot(wd)).toBe(before);
  }, 60_000);

  it('a directory where a journal file should be', async () => {
    const { tasks, wd, journal } = await grownWorkdir();
    mkdirSync(join(journal, 'x.jsonl'));
    const r = await runCli([tasks, '-w', wd, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(journal, 'x.jsonl')} should be a journal file`);
  }, 60_000);
});

describe('the workdir lock', () => {
  it('a stale lock with junk inside is taken over: the farm runs (every farmer exited 74 before)', async () => {
    const { tasks, wd } = await grownWorkdir();
    const lock = join(wd, '.taskfarmer', 'lock');
    mkdirSync(join(lock, 'sub'), { recursive: true });
    writeFileSync(join(lock, 'junk'), 'x');
    writeFileSync(join(lock, 'sub', 'more'), 'x');
    const old = new Date(Date.now() - 600_000);
    for (const p of [join(lock, 'junk'), join(lock, 'sub', 'more'), join(lock, 'sub'), lock]) utimesSync(p, old, old);
    const r = await runCli([tasks, '-w', wd, '-q', '--lock-stale', '2s']);
    expect(r.code, r.stderr).toBe(0);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2, 3]);
  }, 60_000);

  it('is never a 0777 directory, even under umask 0', async () => {
    const dir = tempDir('tf-lock-');
    const lock = join(dir, 'lock');
    const old = process.umask(0);
    try {
      const mode = await withLock(lock, { stale: 10_000 }, () => statSync(lock).mode & 0o777);
      expect(mode).toBe(0o755);
    } finally {
      process.umask(old);
    }
  });
});
