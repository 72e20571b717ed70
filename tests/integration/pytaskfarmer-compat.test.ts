import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A workdir byte for byte as PyTaskFarmer leaves it: `<id> <task>` lines, json.dump'ed timeline, logs/log_<id>. */
function pyTaskFarmerWorkdir(
  wd: string,
  tasks: string[],
  state: { finished: number[]; failed: number[]; toprocess: number[] },
) {
  mkdirSync(join(wd, 'logs'), { recursive: true });
  const lines = (list: number[]) => list.map((id) => `${id} ${tasks[id]}\n`).join('');
  writeFileSync(join(wd, 'toprocess'), lines(state.toprocess));
  writeFileSync(join(wd, 'finished'), lines(state.finished));
  writeFileSync(join(wd, 'failed'), lines(state.failed));
  const events = [...state.finished, ...state.failed].map((id, i) => ({
    name: tasks[id],
    cat: 'PERF',
    ph: 'X',
    pid: 4242,
    tid: i % 2,
    ts: 1_700_000_000_000_000 + i * 1000,
    dur: 500,
  }));
  // Python's json.dump separators: ", " and ": ", one line, no trailing newline.
  writeFileSync(join(wd, 'timeline.json'), JSON.stringify(events).replace(/,"/g, ', "').replace(/":/g, '": '));
  for (const id of [...state.finished, ...state.failed])
    writeFileSync(join(wd, 'logs', `log_${id}`), `old log ${id}\n`);
}

describe('PyTaskFarmer compatibility at rest', () => {
  it('continues a workdir PyTaskFarmer stopped (SIGUSR1 put tasks back at the end of toprocess)', async () => {
    const dir = tempDir();
    const out = join(dir, 'executions');
    const tasks = range(10).map((i) => `echo ${i} >> ${out}`);
    const tasklist = writeTasks(dir, ['# header comment', ...tasks.slice(0, 5), '', ...tasks.slice(5)]);
    const wd = join(dir, 'wd');
    pyTaskFarmerWorkdir(wd, tasks, { finished: [0, 1, 2, 4, 6], failed: [8], toprocess: [9, 5, 7, 3] });

    const r = await runCli([tasklist, '-w', wd, '-n', '2', '-q']);
    expect(r.code).toBe(1); // task 8 had failed before: the workdir is not all green
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean).map(Number).sort()).toEqual([3, 5, 7, 9]);
    expect(ids(join(wd, 'finished'))).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5, 6, 7, 9]));
    expect(ids(join(wd, 'finished'))).toHaveLength(9);
    expect(ids(join(wd, 'failed'))).toEqual([8]);
    expect(readFileSync(join(wd, 'toprocess'), 'utf8')).toBe('');
    expect(readFileSync(join(wd, 'logs', 'log_0'), 'utf8')).toBe('old log 0\n');
    const timeline = JSON.parse(readFileSync(join(wd, 'timeline.json'), 'utf8')) as Array<{ ph: string; pid: number }>;
    expect(timeline.filter((e) => e.ph === 'X' && e.pid === 4242)).toHaveLength(6);
    expect(timeline.filter((e) => e.ph === 'X' && e.pid !== 4242)).toHaveLength(4);
  });

  it('recovers tasks a crashed PyTaskFarmer popped and never recorded', async () => {
    const dir = tempDir();
    const tasks = range(6).map((i) => `echo ${i}`);
    const tasklist = writeTasks(dir, tasks);
    const wd = join(dir, 'wd');
    // Tasks 2 and 3 were popped from toprocess and lost when the node died.
    pyTaskFarmerWorkdir(wd, tasks, { finished: [0, 1], failed: [], toprocess: [4, 5] });
    const r = await runCli([tasklist, '-w', wd, '-n', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('recovered 2 task(s)');
    expect(ids(join(wd, 'finished')).sort()).toEqual(range(6));
  });

  it('a workdir we stopped is in PyTaskFarmer format: sorted toprocess, finished/failed lines, valid timeline', async () => {
    const dir = tempDir();
    const started = join(dir, 'started');
    const tasks = [...range(4).map(() => 'true'), 'exit 1', ...range(20).map(() => `echo x >> ${started}; sleep 30`)];
    const tasklist = writeTasks(dir, tasks);
    const wd = join(dir, 'wd');
    const run = startCli([tasklist, '-w', wd, '-n', '3', '-q']);
    await waitFor(() => existsSync(started) && readFileSync(started, 'utf8').split('\n').filter(Boolean).length >= 3);
    run.child.kill('SIGUSR1');
    expect((await run.done).code).toBe(75);

    const toprocess = readFileSync(join(wd, 'toprocess'), 'utf8');
    expect(toprocess).toBe(
      range(20)
        .map((i) => `${i + 5} echo x >> ${started}; sleep 30\n`)
        .join(''),
    );
    expect(readFileSync(join(wd, 'failed'), 'utf8')).toBe('4 exit 1\n');
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2, 3]);
    expect(readFileSync(join(wd, 'finished'), 'utf8')).toMatch(/^(\d true\n){4}$/);
    // Nothing of ours is live at rest: journals were folded into toprocess.
    expect(readdirSync(join(wd, '.taskfarmer', 'journal'))).toEqual([]);
    // PyTaskFarmer json.load()s the timeline and appends to it.
    const loaded = execFileSync(
      'python3',
      ['-c', 'import json,sys; print(len(json.load(open(sys.argv[1]))))', join(wd, 'timeline.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(Number(loaded)).toBeGreaterThanOrEqual(5);
  });
});
