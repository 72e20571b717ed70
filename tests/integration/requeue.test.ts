import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { snapshot } from '../helpers/snapshot.js';

/** A finished farm with tasks 1 and 3 failed; `ok` makes them succeed next time. */
async function failedFarm() {
  const dir = tempDir();
  const ok = join(dir, 'ok');
  const tasklist = writeTasks(dir, [
    'true',
    `test -e ${ok}`,
    'true',
    `echo attempt=$TASKFARMER_ATTEMPT; test -e ${ok}`,
    'true',
  ]);
  const wd = join(dir, 'wd');
  const r = await runCli([tasklist, '-w', wd, '-n', '2']);
  expect(r.code).toBe(1);
  expect(ids(join(wd, 'failed')).sort()).toEqual([1, 3]);
  return { dir, ok, tasklist, wd };
}

describe('taskfarmer requeue', () => {
  it('--failed moves every failed task back to toprocess, prints them, keeps the workdir at rest', async () => {
    const { ok, tasklist, wd } = await failedFarm();
    const r = await runCli(['requeue', wd, '--failed']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^requeued 1 test -e .*\nrequeued 3 echo attempt.*\n.*2 failed tasks back in toprocess/);
    expect(ids(join(wd, 'toprocess'))).toEqual([1, 3]);
    expect(ids(join(wd, 'failed'))).toEqual([]);
    // History kept: the failures' records and the requeue's own.
    const history = readdirSync(join(wd, '.taskfarmer', 'history'));
    expect(history.some((n) => n.includes('requeue-'))).toBe(true);
    writeFileSync(ok, '');
    const again = await runCli([tasklist, '-w', wd, '--retries', '0']);
    expect(again.code, again.stderr).toBe(0);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('--ids moves only those, and their retries start over', async () => {
    const { wd, tasklist } = await failedFarm();
    const r = await runCli(['requeue', wd, '--ids', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^requeued 3 /);
    expect(ids(join(wd, 'toprocess'))).toEqual([3]);
    expect(ids(join(wd, 'failed'))).toEqual([1]);
    // Still failing: with --retries 1 it gets two attempts, as a fresh task would.
    const again = await runCli([tasklist, '-w', wd, '--retries', '1']);
    expect(again.code).toBe(1);
    expect(readFileSync(join(wd, 'logs', 'log_3'), 'utf8')).toBe('attempt=2\n');
    expect(ids(join(wd, 'failed')).sort()).toEqual([1, 3]);
  });

  it('works while a farmer runs: the farmer picks the task up from the journal', async () => {
    const dir = tempDir();
    const ok = join(dir, 'ok');
    const go = join(dir, 'go');
    const tasklist = writeTasks(dir, [
      `test -e ${ok} && echo attempt=$TASKFARMER_ATTEMPT`,
      `while [ ! -e ${go} ]; do sleep 0.05; done`,
      'true',
    ]);
    const wd = join(dir, 'wd');
    const farmer = startCli([tasklist, '-w', wd, '-n', '2']);
    await waitFor(() => ids(join(wd, 'failed')).includes(0), 30_000, 'task 0 to fail');
    writeFileSync(ok, '');
    const r = await runCli(['requeue', wd, '--ids', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/requeued 0 test -e/);
    expect(r.stdout).toMatch(/running farmers pick them up/);
    await waitFor(() => ids(join(wd, 'finished')).includes(0), 30_000, 'task 0 to run again');
    writeFileSync(go, '');
    const done = await farmer.done;
    expect(done.code, done.stderr).toBe(0);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2]);
    expect(ids(join(wd, 'failed'))).toEqual([]);
    expect(ids(join(wd, 'toprocess'))).toEqual([]);
    // Attempt numbers go on within a run: the rerun is attempt 2.
    expect(readFileSync(join(wd, 'logs', 'log_0'), 'utf8')).toBe('attempt=2\n');
  });

  it('a workdir PyTaskFarmer left (no .taskfarmer/): refused ids leave it untouched; --failed moves them', async () => {
    const dir = tempDir();
    const wd = join(dir, 'wd');
    mkdirSync(wd);
    writeFileSync(join(wd, 'toprocess'), '2 echo c\n');
    writeFileSync(join(wd, 'finished'), '0 echo a\n');
    writeFileSync(join(wd, 'failed'), '1 echo b\n');
    const before = snapshot(dir);
    const bad = await runCli(['requeue', wd, '--ids', '0']);
    expect(bad.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(wd, '.taskfarmer'))).toBe(false);
    const r = await runCli(['requeue', wd, '--failed']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(wd, 'toprocess'), 'utf8')).toBe('1 echo b\n2 echo c\n');
    expect(readFileSync(join(wd, 'failed'), 'utf8')).toBe('');
  });

  describe('bad input: one line, exit 2, nothing changed', () => {
    const cases: Array<[string, (wd: string, dir: string) => string[], RegExp]> = [
      ['a directory that is not a workdir', (_wd, dir) => ['requeue', dir, '--failed'], /is not a taskfarmer workdir/],
      ['a missing workdir', (_wd, dir) => ['requeue', join(dir, 'nope'), '--failed'], /does not exist/],
      [
        'an id that does not exist',
        (wd) => ['requeue', wd, '--ids', '1,99'],
        /task 99 does not exist \(the workdir has 5 tasks/,
      ],
      ['an id that did not fail', (wd) => ['requeue', wd, '--ids', '0'], /task 0 has not failed \(it is finished\)/],
      ['ids that are not ids', (wd) => ['requeue', wd, '--ids', '3-1'], /--ids must be task ids and ranges/],
      ['neither --failed nor --ids', (wd) => ['requeue', wd], /say which tasks/],
      ['both --failed and --ids', (wd) => ['requeue', wd, '--failed', '--ids', '1'], /not both/],
    ];
    for (const [what, args, pattern] of cases) {
      it(what, async () => {
        const { dir, wd } = await failedFarm();
        const before = snapshot(dir);
        const r = await runCli(args(wd, dir));
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(pattern);
        expect(snapshot(dir)).toEqual(before);
      });
    }
  });
});
