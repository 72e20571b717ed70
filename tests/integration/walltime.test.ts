import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';

/** Ten 2 s tasks on one worker: with a 7 s limit, two or three fit, never all. */
function farm() {
  const dir = tempDir();
  const tasklist = writeTasks(
    dir,
    Array.from({ length: 10 }, () => 'sleep 2'),
  );
  return { tasklist, wd: join(dir, 'wd') };
}

describe('walltime-aware claiming', () => {
  it('with --timeout, a task expected not to finish in time is not started: exit 75, nothing killed', async () => {
    const { tasklist, wd } = farm();
    const r = await runCli([tasklist, '-w', wd, '-n', '1', '--timeout', '7', '-v']);
    expect(r.code, r.stderr).toBe(75);
    expect(r.stderr).toMatch(
      /stopped claiming .* before the time limit: tasks take up to .* \(p90\); \d+ left in toprocess/,
    );
    expect(r.stderr).not.toMatch(/stopping \(timeout\)/);
    expect(r.stdout).not.toMatch(/\[stopped\]/);
    const finished = ids(join(wd, 'finished'));
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(ids(join(wd, 'toprocess'))).toHaveLength(10 - finished.length);
  });

  it('inside a Slurm job, the job end (SLURM_JOB_END_TIME) is the limit', async () => {
    const { tasklist, wd } = farm();
    const end = String(Math.floor(Date.now() / 1000) + 8);
    const r = await runCli([tasklist, '-w', wd, '-n', '1', '-v'], { env: { SLURM_JOB_END_TIME: end } });
    expect(r.code, r.stderr).toBe(75);
    expect(r.stderr).toMatch(/before the time limit/);
    expect(r.stdout).not.toMatch(/\[stopped\]/);
  });

  it('--no-walltime-guard starts tasks to the end: the timeout kills the one running', async () => {
    const { tasklist, wd } = farm();
    const r = await runCli([tasklist, '-w', wd, '-n', '1', '--timeout', '7', '-v', '--no-walltime-guard']);
    expect(r.code, r.stderr).toBe(75);
    expect(r.stderr).toMatch(/stopping \(timeout\)/);
    expect(r.stdout).toMatch(/\[stopped\] task \d+/);
  });
});
