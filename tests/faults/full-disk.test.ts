import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ids, runCli, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import {
  checkExactlyOnce,
  counts,
  fillDisk,
  lines,
  mountTmpfs,
  openClaimsOf,
  range,
  type SmallDisk,
} from './helpers.js';

const probe = mountTmpfs(tempDir('tf-disk-probe-'), '1m');
const skip = typeof probe === 'string' ? probe : null;
if (typeof probe !== 'string') probe.unmount();
if (skip) console.log(`skipping the full-disk tests: ${skip}`);

/** The one line that names the problem (besides the progress and summary lines). */
function diskError(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /no space left on device/i.test(l) && !l.includes('warning:'));
}

describe.skipIf(skip)('a full disk', () => {
  const disks: SmallDisk[] = [];
  afterAll(() => {
    for (const d of disks) d.unmount();
  });
  /** A fresh 2 MB tmpfs for each test (the workdir); the tasklist and task output stay outside. */
  function newDisk(): { dir: string; wd: string; disk: SmallDisk } {
    const dir = tempDir('tf-disk-');
    const disk = mountTmpfs(dir, '2m') as SmallDisk;
    disks.push(disk);
    return { dir, wd: join(disk.dir, 'wd'), disk };
  }

  it('filling up mid-run: one clear error, exit 74, and after freeing space the next run finishes every task once', async () => {
    const { dir, wd, disk } = newDisk();
    const executions = join(dir, 'executions');
    const tasklist = writeTasks(
      dir,
      range(200).map(() => `echo $PROC_NUMBER >> ${executions}; sleep 0.02`),
    );
    const farmer = startCli([tasklist, '-n', '2', '-w', wd]);
    await waitFor(() => lines(join(wd, 'finished')).length >= 20, 20_000, '20 finished tasks');
    const filler = fillDisk(disk.dir, 0);
    const r = await farmer.done;
    expect(r.code).toBe(74);
    const errors = diskError(r.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(wd);

    // Nothing recorded twice, nothing failed; what it held is taken back by the next run.
    const finished = ids(join(wd, 'finished'));
    expect(new Set(finished).size).toBe(finished.length);
    expect(ids(join(wd, 'failed'))).toEqual([]);
    const held = openClaimsOf(wd, farmer.child.pid!);

    rmSync(filler);
    const again = await runCli([tasklist, '-n', '2', '-w', wd, '-q']);
    expect(again.code).toBe(0);
    expect(checkExactlyOnce(wd, 200)).toBe('');
    const twice = [...counts(executions)].filter(([, c]) => c > 1).map(([id]) => id);
    expect(twice.filter((id) => !held.has(id))).toEqual([]);
  });

  it('full at start: one clear error, exit 74, and a later run continues', async () => {
    const { dir, wd, disk } = newDisk();
    const tasklist = writeTasks(
      dir,
      range(100).map(() => 'sleep 0.05'),
    );
    const first = await runCli([tasklist, '-n', '2', '-w', wd, '--timeout', '0.5s', '-q']);
    expect(first.code).toBe(75);
    const filler = fillDisk(disk.dir, 0);

    const r = await runCli([tasklist, '-n', '2', '-w', wd]);
    expect(r.code).toBe(74);
    const errors = diskError(r.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(wd);
    expect(r.stderr).not.toContain('internal error');

    rmSync(filler);
    const again = await runCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q']);
    expect(again.code).toBe(0);
    expect(checkExactlyOnce(wd, 100)).toBe('');
  });

  it('tasks appended to the tasklist while the disk is full are not lost', async () => {
    const { dir, wd, disk } = newDisk();
    const tasklist = writeTasks(dir, ['true']);
    expect((await runCli([tasklist, '-w', wd, '-q'])).code).toBe(0);
    // 500 new tasks make ~250 KB of journal records; 64 KB are left.
    appendFileSync(tasklist, `true #${'x'.repeat(400)}\n`.repeat(500));
    const filler = fillDisk(disk.dir, 64 * 1024);

    const r = await runCli([tasklist, '-n', '2', '-w', wd]);
    expect(r.code).toBe(74);
    expect(diskError(r.stderr)).toHaveLength(1);

    rmSync(filler);
    const again = await runCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q']);
    expect(again.code).toBe(0);
    expect(checkExactlyOnce(wd, 501)).toBe('');
  });
});
