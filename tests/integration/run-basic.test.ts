import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, startCli, taskLines, tempDir, writeTasks } from '../helpers/cli.js';

describe('taskfarmer TASKLIST', () => {
  it('runs every task once through bash, with PyTaskFarmer ids and PROC_NUMBER', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const tasklist = join(dir, 'tasks.txt');
    // Blank (or whitespace-only) lines and comments are skipped and take no id; lines are trimmed.
    writeFileSync(
      tasklist,
      [
        '# a comment',
        `echo "a|b" | tr '|' '-' > ${out}.0`,
        '',
        `   echo $PROC_NUMBER $TASKFARMER_TASK_ID $TASKFARMER_ATTEMPT >> ${out}.ids   `,
        `for i in 1 2; do echo $i; done > ${out}.2 2>&1`,
        ' \t  ',
        `echo "quoted; not a separator" > ${out}.3; echo to-stderr >&2`,
      ].join('\n'),
    );
    const r = await runCli([tasklist, '-n', '3']);
    expect(r.code).toBe(0);
    const wd = `${tasklist}_workdir`;
    expect(taskLines(join(wd, 'finished')).sort((a, b) => a[0] - b[0])).toEqual([
      [0, `echo "a|b" | tr '|' '-' > ${out}.0`],
      [1, `echo $PROC_NUMBER $TASKFARMER_TASK_ID $TASKFARMER_ATTEMPT >> ${out}.ids`],
      [2, `for i in 1 2; do echo $i; done > ${out}.2 2>&1`],
      [3, `echo "quoted; not a separator" > ${out}.3; echo to-stderr >&2`],
    ]);
    expect(readFileSync(`${out}.0`, 'utf8')).toBe('a-b\n');
    expect(readFileSync(`${out}.ids`, 'utf8')).toBe('1 1 1\n');
    expect(readFileSync(`${out}.2`, 'utf8')).toBe('1\n2\n');
    expect(readFileSync(`${out}.3`, 'utf8')).toBe('quoted; not a separator\n');
    expect(readFileSync(join(wd, 'logs', 'log_3'), 'utf8')).toBe('to-stderr\n');
    expect(readFileSync(join(wd, 'toprocess'), 'utf8')).toBe('');
    expect(readFileSync(join(wd, 'failed'), 'utf8')).toBe('');
    const timeline = JSON.parse(readFileSync(join(wd, 'timeline.json'), 'utf8')) as Array<Record<string, unknown>>;
    const spans = timeline.filter((e) => e.ph === 'X');
    expect(spans).toHaveLength(4);
    for (const e of spans) {
      expect(e).toMatchObject({ ph: 'X', pid: expect.any(Number), tid: expect.any(Number), name: expect.any(String) });
      expect(e.dur).toBeGreaterThanOrEqual(0);
    }
  });

  it('records failures in failed, exits 1, and retries only when asked', async () => {
    const dir = tempDir();
    const flaky = join(dir, 'flaky');
    const tasklist = writeTasks(dir, ['true', 'exit 3', `test -e ${flaky} || { touch ${flaky}; exit 1; }`]);
    const r1 = await runCli([tasklist, '-n', '2', '-w', join(dir, 'wd1')]);
    expect(r1.code).toBe(1);
    expect(ids(join(dir, 'wd1', 'finished'))).toEqual([0]);
    expect(ids(join(dir, 'wd1', 'failed')).sort()).toEqual([1, 2]);
    expect(r1.stderr).toContain('task 1 failed (exit 3)');

    const r2 = await runCli([tasklist, '-n', '2', '-w', join(dir, 'wd2'), '--retries', '2']);
    expect(r2.code).toBe(1);
    // The flaky task succeeds on its second attempt; `failed` lists only final failures.
    expect(ids(join(dir, 'wd2', 'finished')).sort()).toEqual([0, 2]);
    expect(ids(join(dir, 'wd2', 'failed'))).toEqual([1]);
    const attempts = JSON.parse(readFileSync(join(dir, 'wd2', 'timeline.json'), 'utf8')).filter(
      (e: { ph: string; args?: { id: number } }) => e.ph === 'X' && e.args?.id === 1,
    );
    expect(attempts).toHaveLength(3);
  });

  it('counts retries across a stop and a continue', async () => {
    // The first attempt fails and drains the farmer (SIGUSR2): the run ends with the task back
    // in toprocess and one of its two retries spent. The continued run has one retry left, so
    // the task runs three times in all, not four, numbered 1, 2, 3.
    const dir = tempDir();
    const attempts = join(dir, 'attempts');
    const pidFile = join(dir, 'farmer.pid');
    const tasklist = writeTasks(dir, [
      `until [ -s ${pidFile} ]; do sleep 0.01; done; echo $TASKFARMER_ATTEMPT >> ${attempts}; ` +
        `[ $(wc -l < ${attempts}) -eq 1 ] && kill -USR2 $(cat ${pidFile}); exit 1`,
    ]);
    const wd = join(dir, 'wd');
    const first = startCli([tasklist, '-n', '1', '-w', wd, '--retries', '2', '-q']);
    writeFileSync(pidFile, String(first.child.pid));
    const r1 = await first.done;
    expect(r1.code).toBe(75);
    expect(ids(join(wd, 'toprocess'))).toEqual([0]);
    const r2 = await runCli([tasklist, '-n', '1', '-w', wd, '--retries', '2', '-q']);
    expect(r2.code).toBe(1);
    expect(ids(join(wd, 'failed'))).toEqual([0]);
    // TASKFARMER_ATTEMPT goes on from where the first run stopped.
    expect(readFileSync(attempts, 'utf8')).toBe('1\n2\n3\n');
  });

  it('an empty tasklist is not an error', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['# only a comment', '']);
    const r = await runCli([tasklist]);
    expect(r.code).toBe(0);
    expect(existsSync(join(`${tasklist}_workdir`, 'toprocess'))).toBe(true);
    expect(r.stdout).toContain('0 finished, 0 failed');
  });

  it('kills a task at --task-timeout, with its whole tree, and counts it failed', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['sleep 30 & sleep 30; echo never', 'echo ok']);
    const r = await runCli([tasklist, '--task-timeout', '1s', '-n', '2']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(`${tasklist}_workdir`, 'logs', 'log_0'), 'utf8')).not.toContain('never');
    expect(ids(join(`${tasklist}_workdir`, 'failed'))).toEqual([0]);
    expect(r.stderr).toContain('task 0 failed (timed out)');
  });

  it('without perl on PATH, Node spawns the tasks itself with the same results', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['echo $PROC_NUMBER; echo err >&2', 'exit 4', 'kill -9 $$']);
    const r = await runCli([tasklist, '-n', '2'], { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(1);
    const wd = `${tasklist}_workdir`;
    expect(readFileSync(join(wd, 'logs', 'log_0'), 'utf8')).toBe('0\nerr\n');
    expect(ids(join(wd, 'failed')).sort()).toEqual([1, 2]);
    expect(r.stderr).toContain('task 1 failed (exit 4)');
    expect(r.stderr).toContain('task 2 failed (killed by SIGKILL)');
  });
});
