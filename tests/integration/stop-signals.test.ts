import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, processesWith, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';

const lines = (path: string) => {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

/** 10 quick tasks, then 90 that start a background sleep and a foreground one (a whole tree to kill). */
function sleepyTasklist(dir: string, marker: number): string {
  const started = join(dir, 'started');
  const quick = Array.from({ length: 10 }, () => 'true');
  const slow = Array.from({ length: 90 }, () => `echo $PROC_NUMBER >> ${started}; sleep ${marker} & sleep ${marker}`);
  return writeTasks(dir, [...quick, ...slow]);
}

describe('stopping the farmer', () => {
  for (const signal of ['SIGUSR1', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} puts every running task back, kills their trees and exits 75`, async () => {
      const dir = tempDir();
      const marker = 900 + Math.floor(Math.random() * 9000);
      const tasklist = sleepyTasklist(dir, marker);
      const wd = join(dir, 'wd');
      const run = startCli([tasklist, '-n', '64', '-w', wd]);
      await waitFor(() => lines(join(dir, 'started')).length >= 64, 30_000, '64 running tasks');
      run.child.kill(signal);
      const r = await run.done;
      expect(r.code).toBe(75);
      expect(ids(join(wd, 'finished')).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
      expect(ids(join(wd, 'failed'))).toEqual([]);
      // toprocess holds exactly the tasks not done, in id order, as PyTaskFarmer writes it.
      expect(ids(join(wd, 'toprocess'))).toEqual(Array.from({ length: 90 }, (_, i) => i + 10));
      expect(processesWith(`sleep ${marker}`)).toEqual([]);
      expect(r.stdout + r.stderr).toContain('left in toprocess');
    });
  }

  it('SIGUSR2 drains: running tasks finish, no new ones start, exit 75', async () => {
    const dir = tempDir();
    const started = join(dir, 'started');
    const tasklist = writeTasks(
      dir,
      Array.from({ length: 10 }, () => `echo $PROC_NUMBER >> ${started}; sleep 1`),
    );
    const wd = join(dir, 'wd');
    const run = startCli([tasklist, '-n', '2', '-w', wd]);
    await waitFor(() => lines(started).length >= 2, 20_000, 'two running tasks');
    run.child.kill('SIGUSR2');
    const r = await run.done;
    expect(r.code).toBe(75);
    const done = ids(join(wd, 'finished'));
    expect(done.length).toBe(lines(started).length);
    expect(ids(join(wd, 'toprocess')).length).toBe(10 - done.length);
    expect(ids(join(wd, 'failed'))).toEqual([]);
  });

  it('--timeout stops the whole farmer and leaves the work to continue', async () => {
    const dir = tempDir();
    const marker = 900 + Math.floor(Math.random() * 9000);
    const tasklist = writeTasks(dir, ['true', `sleep ${marker}`, `sleep ${marker}`, 'true']);
    const wd = join(dir, 'wd');
    const r = await startCli([tasklist, '-n', '2', '-w', wd, '--timeout', '1']).done;
    expect(r.code).toBe(75);
    const left = ids(join(wd, 'toprocess'));
    expect(left).toEqual(expect.arrayContaining([1, 2]));
    expect(ids(join(wd, 'finished')).length + left.length).toBe(4);
    expect(processesWith(`sleep ${marker}`)).toEqual([]);
  });
});
