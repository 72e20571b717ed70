import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';

describe('--max-failures', () => {
  it('one farmer stops claiming after N failures, exits 1 saying so, and leaves the rest in toprocess', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(
      dir,
      Array.from({ length: 10 }, () => 'exit 1'),
    );
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-w', wd, '-n', '1', '--max-failures', '3']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/stopped after 3 failed tasks \(--max-failures 3\); .* 7 left in toprocess/);
    expect(ids(join(wd, 'failed'))).toEqual([0, 1, 2]);
    expect(ids(join(wd, 'toprocess'))).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('two farmers on one workdir share the count: together they stop near N, not at N each', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(
      dir,
      Array.from({ length: 40 }, () => 'sleep 0.2; exit 1'),
    );
    const wd = join(dir, 'wd');
    const args = [tasklist, '-w', wd, '-n', '1', '--max-failures', '4'];
    const [a, b] = await Promise.all([startCli(args).done, startCli(args).done]);
    for (const r of [a, b]) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/stopped after \d+ failed tasks \(--max-failures 4\)/);
    }
    const failed = ids(join(wd, 'failed'));
    // Each may let the one task it was running end: at most 4 + 1. Counting alone, each would stop at 4: 8.
    expect(failed.length).toBeGreaterThanOrEqual(4);
    expect(failed.length).toBeLessThanOrEqual(5);
    expect(ids(join(wd, 'toprocess'))).toHaveLength(40 - failed.length);
  });

  it('with --max-failures-kill, running tasks are stopped and go back to toprocess', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['sleep 0.5; exit 1', 'sleep 600', 'sleep 600']);
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-w', wd, '-n', '3', '--max-failures', '1', '--max-failures-kill']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/stopped after 1 failed task \(--max-failures 1\); running tasks were stopped; 2 left/);
    expect(ids(join(wd, 'failed'))).toEqual([0]);
    expect(ids(join(wd, 'toprocess'))).toEqual([1, 2]);
  });

  it('a farmer joining a farm whose limit is spent claims nothing, and exits 1', async () => {
    const dir = tempDir();
    const go = join(dir, 'go');
    const tasklist = writeTasks(dir, ['exit 1', 'exit 1', `while [ ! -e ${go} ]; do sleep 0.05; done`, 'true', 'true']);
    const wd = join(dir, 'wd');
    const first = startCli([tasklist, '-w', wd, '-n', '3']);
    await waitFor(() => ids(join(wd, 'failed')).length === 2, 30_000, 'two failures');
    const joiner = await runCli([tasklist, '-w', wd, '-n', '1', '--max-failures', '2', '-v']);
    expect(joiner.code, joiner.stderr).toBe(1);
    expect(joiner.stderr).toMatch(/stopped after 2 failed tasks \(--max-failures 2\)/);
    expect(joiner.stdout).not.toMatch(/\[start\]/);
    writeFileSync(go, '');
    const r = await first.done;
    expect(r.code, r.stderr).toBe(1);
    expect(ids(join(wd, 'finished')).sort()).toEqual([2, 3, 4]);
  });
});
