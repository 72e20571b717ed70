import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkdir } from '../helpers/workdir.js';
import { ids, runCli, startCli, startOnPty, tempDir, waitFor, writeTasks } from '../helpers/cli.js';

/** A farm with two tasks held open by a gate file, one quick failure with a log, and one more task. */
async function farmInProgress() {
  const dir = tempDir('tf-status-');
  const gate = join(dir, 'gate');
  const wd = join(dir, 'wd');
  const tasks = writeTasks(dir, [
    `echo first line; echo "oops: disk full" >&2; exit 5`,
    `while [ ! -e ${gate} ]; do sleep 0.05; done`,
    `sleep 0.1; while [ ! -e ${gate} ]; do sleep 0.05; done`,
    'echo last',
  ]);
  const farm = startCli([tasks, '-n', '2', '-w', wd]);
  await waitFor(() => ids(join(wd, 'failed')).includes(0), 20_000, 'task 0 to fail');
  // Both gated tasks hold the two workers once task 0 is gone.
  await waitFor(() => existsSync(join(wd, 'logs', 'log_2')), 20_000, 'task 2 to start');
  return { dir, gate, wd, farm, open: () => writeFileSync(gate, '') };
}

describe('taskfarmer status WORKDIR', () => {
  it('shows the longest-running tasks and the last failures with the tail of their logs', async () => {
    const f = await farmInProgress();
    const r = await runCli(['status', f.wd]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/running {4}2\n/);
    expect(r.stdout).toMatch(/running longest\n {2}task 1 +\S+ +\S+ +while \[ ! -e .*\n {2}task 2 /);
    expect(r.stdout).toMatch(
      /last failures\n {2}task 0 \(exit 5 after \S+ on \S+\): echo first line.* — logs\/log_0\n/,
    );
    expect(r.stdout).toContain('    | first line\n    | oops: disk full');

    const j = JSON.parse((await runCli(['status', f.wd, '--json'])).stdout);
    expect(j.slowestRunning.map((t: { id: number }) => t.id)).toEqual([1, 2]);
    expect(j.lastFailures[0]).toMatchObject({ id: 0, exitCode: 5, logTail: 'first line\noops: disk full' });
    f.open();
    expect((await f.farm.done).code).toBe(1);
  });

  it('counts tasks claimed ahead as queued, not running', async () => {
    // Short tasks are claimed in batches: a farmer with one worker may hold three claims.
    const dir = tempDir('tf-status-');
    const tasklist = writeTasks(dir, ['true', 'true', 'true', 'true']);
    const wd = join(dir, 'wd');
    const farmer = await openWorkdir(wd, tasklist);
    const { claims } = await farmer.sync({ want: 3 });
    expect(claims).toHaveLength(3);
    const r = await runCli(['status', wd]);
    expect(r.stdout).toMatch(/toprocess {2}1\nrunning {4}1\nqueued {5}2 {2}\(claimed, not started yet\)\n/);
    expect(r.stdout).toMatch(/pid \d+: 1 running of 1 workers \(\+2 claimed ahead\), alive/);
    const j = JSON.parse((await runCli(['status', wd, '--json'])).stdout);
    expect(j).toMatchObject({ total: 4, toProcess: 1, running: 1, queued: 2 });
    expect(j.farmers).toEqual([expect.objectContaining({ running: 1, queued: 2, workers: 1, alive: true })]);
    await farmer.close(claims);
    expect(ids(join(wd, 'toprocess'))).toEqual([0, 1, 2, 3]);
  });

  it('--watch refreshes until every task is done, then exits 0 by itself', async () => {
    const f = await farmInProgress();
    const watch = startCli(['status', f.wd, '--watch', '0.2']);
    await waitFor(() => (watch.output().stdout.match(/^workdir /gm) ?? []).length >= 2, 20_000, 'two snapshots');
    f.open();
    const r = await watch.done;
    expect(r.code).toBe(0);
    const snapshots = r.stdout.split(/\n(?=workdir )/);
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    expect(snapshots[0]).toMatch(/running {4}2\n/);
    expect(snapshots[snapshots.length - 1]).toMatch(/toprocess {2}0\nrunning {4}0\nfinished {3}3\nfailed {5}1/);
    expect((await f.farm.done).code).toBe(1);
  });

  it('--watch redraws in place on a terminal and stops on Ctrl-C with exit 0', async () => {
    const f = await farmInProgress();
    const child = startOnPty(['status', f.wd, '--watch', '0.1'], { TERM: 'xterm' });
    let screen = '';
    child.stdout.on('data', (d) => (screen += d));
    await waitFor(() => (screen.match(/\x1b\[H\x1b\[2J/g) ?? []).length >= 2, 20_000, 'two redraws');
    expect(screen).toMatch(/refreshing every 0\.1s — Ctrl-C to stop/);
    child.stdin.write('\x03'); // Ctrl-C on the terminal: SIGINT to the foreground process group
    expect(await child.closed).toBe(0);
    f.open();
    expect((await f.farm.done).code).toBe(1);
  });

  it('names a bad --watch value and a missing workdir in one line each, exit 2', async () => {
    const dir = tempDir('tf-status-');
    const r = await runCli(['status', dir, '--watch', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^taskfarmer: --watch must be a positive duration .*\(got "soon"\)\n$/);
    const r2 = await runCli(['status', join(dir, 'nope'), '--watch']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^taskfarmer: workdir .*nope does not exist\n$/);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
});
