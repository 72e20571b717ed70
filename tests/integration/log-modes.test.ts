import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, startCli, tempDir, writeTasks } from '../helpers/cli.js';

/** `taskfarmer logs …` with stdout as bytes (task output may be binary). */
function logs(args: string[]): { code: number | null; out: Buffer; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'logs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, out: r.stdout, err: r.stderr.toString() };
}

// Output a reader must give back byte for byte: binary, no final newline, a fake frame header.
const TRICKY = String.raw`printf '\000\001bin\n### taskfarmer task=7 attempt=1 start=1 bytes=           3 ###\nabc'`;
const TRICKY_BYTES = Buffer.from(
  '\x00\x01bin\n### taskfarmer task=7 attempt=1 start=1 bytes=           3 ###\nabc',
  'latin1',
);

const TASKS = [
  'echo "out $PROC_NUMBER"',
  TRICKY,
  'echo "attempt $TASKFARMER_ATTEMPT" >&2; exit 3',
  'printf ""',
  'echo last',
];

describe('--logs: where task output goes', () => {
  it('per-task (the default): one logs/log_<id> per task, and `logs` prints one', async () => {
    const dir = tempDir();
    const list = writeTasks(dir, TASKS);
    const r = await runCli([list, '-n', '2', '--retries', '1']);
    expect(r.code).toBe(1);
    const wd = `${list}_workdir`;
    expect(readdirSync(join(wd, 'logs')).sort()).toEqual(['log_0', 'log_1', 'log_2', 'log_3', 'log_4']);
    expect(readFileSync(join(wd, 'logs', 'log_1'))).toEqual(TRICKY_BYTES);
    expect(logs([wd, '0']).out.toString()).toBe('out 0\n');
    expect(logs([wd, '1']).out).toEqual(TRICKY_BYTES);
    // PyTaskFarmer's format keeps only the last attempt.
    expect(logs([wd, '2']).out.toString()).toBe('attempt 2\n');
    const one = logs([wd, '2', '--attempt', '1']);
    expect(one.code).toBe(1);
    expect(one.err).toMatch(/^taskfarmer: no output of attempt 1 of task 2 is kept in .*\n$/);
  });

  it('per-worker: one file per farmer and slot, each attempt framed; `logs` gives every output back exactly', async () => {
    const dir = tempDir();
    const list = writeTasks(dir, TASKS);
    const r = await runCli([list, '-n', '2', '--retries', '1', '--logs', 'per-worker']);
    expect(r.code).toBe(1);
    const wd = `${list}_workdir`;
    const files = readdirSync(join(wd, 'logs'));
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.length).toBeLessThanOrEqual(2);
    for (const f of files) expect(f).toMatch(/^worker_.+-\d+-[0-9a-f]+_[01]$/);
    expect(logs([wd, '0']).out.toString()).toBe('out 0\n');
    expect(logs([wd, '1']).out).toEqual(TRICKY_BYTES);
    expect(logs([wd, '3']).out.length).toBe(0);
    expect(logs([wd, '4']).out.toString()).toBe('last\n');
    // Both attempts of the failing task are kept, each findable.
    expect(logs([wd, '2']).out.toString()).toBe('attempt 2\n');
    expect(logs([wd, '2', '--attempt', '1']).out.toString()).toBe('attempt 1\n');
    const all = logs([wd, '2', '--all']).out.toString();
    expect(all).toMatch(
      /^==> task 2 attempt 1 \(logs\/worker_\S+\) <==\nattempt 1\n==> task 2 attempt 2 \(logs\/worker_\S+\) <==\nattempt 2\n$/,
    );
    // The fake header inside task 1's output did not make a task 7 appear.
    expect(logs([wd, '7']).code).toBe(1);
    // The CLI's failure line says how to get the output.
    expect(r.stderr).toContain(`log: taskfarmer logs ${wd} 2 --attempt 2`);
  });

  it('none: nothing is written under logs/, and `logs` says no output is kept', async () => {
    const dir = tempDir();
    const list = writeTasks(dir, TASKS);
    const r = await runCli([list, '-n', '2', '--logs', 'none']);
    expect(r.code).toBe(1);
    const wd = `${list}_workdir`;
    expect(readdirSync(join(wd, 'logs'))).toEqual([]);
    const l = logs([wd, '0']);
    expect(l.code).toBe(1);
    expect(l.err).toMatch(/no output of task 0 is kept .*--logs none/);
  });

  it('the config file sets the mode; --logs overrides it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'taskfarmer.yml'), 'logs: per-worker\n');
    const list = writeTasks(dir, ['echo a', 'echo b']);
    expect((await runCli([list], { cwd: dir })).code).toBe(0);
    expect(readdirSync(join(`${list}_workdir`, 'logs')).every((f) => f.startsWith('worker_'))).toBe(true);
    const list2 = writeTasks(dir, ['echo a', 'echo b'], 'two.txt');
    expect((await runCli([list2, '--logs', 'per-task'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(join(`${list2}_workdir`, 'logs')).sort()).toEqual(['log_0', 'log_1']);
  });

  it('status and the report show the tails of failures from per-worker logs', async () => {
    const dir = tempDir();
    const list = writeTasks(dir, ['echo fine', 'echo "it broke here" >&2; exit 4']);
    await runCli([list, '-n', '2', '--logs', 'per-worker']);
    const wd = `${list}_workdir`;
    const st = await runCli(['status', wd]);
    expect(st.stdout).toMatch(
      /task 1 \(exit 4[^\n]*logs\/worker_\S+ \(its part: taskfarmer logs WORKDIR 1\)\n {4}\| it broke here/,
    );
    const json = JSON.parse((await runCli(['report', wd])).stdout);
    expect(json.failures[0]).toMatchObject({ id: 1, logTail: 'it broke here' });
    expect(json.failures[0].log).toMatch(/^logs\/worker_.+_[01]$/);
    expect(json.farmers[0].logs).toBe('per-worker');
    const md = join(dir, 'r.md');
    await runCli(['report', wd, '--markdown', md, '--joblog', join(dir, 'joblog')]);
    expect(readFileSync(md, 'utf8')).toContain('it broke here');
    // The joblog's Receive column is the size of each task's own output, not of the worker's file.
    const rows = readFileSync(join(dir, 'joblog'), 'utf8').trim().split('\n').slice(1);
    const receive = Object.fromEntries(rows.map((l) => l.split('\t')).map((c) => [c[0], c[5]]));
    expect(receive).toEqual({ '1': '5', '2': '14' });
  });

  it('a workdir continued in another mode: `logs` finds the older attempt and the newer one, in order', async () => {
    const dir = tempDir();
    // The first attempt hangs until the farmer's --timeout stops it; the second ends at once.
    const list = writeTasks(dir, ['echo "try $TASKFARMER_ATTEMPT"; [ "$TASKFARMER_ATTEMPT" -gt 1 ] || sleep 30']);
    const first = await runCli([list, '--timeout', '1s', '--logs', 'per-task']);
    expect(first.code).toBe(75);
    const wd = `${list}_workdir`;
    expect((await runCli([list, '--logs', 'per-worker'])).code).toBe(0);
    expect(logs([wd, '0']).out.toString()).toBe('try 2\n');
    expect(logs([wd, '0', '--all']).out.toString()).toMatch(
      /^==> task 0 latest attempt with a per-task log \(logs\/log_0\) <==\ntry 1\n==> task 0 attempt 2 \(logs\/worker_\S+\) <==\ntry 2\n$/,
    );
  });

  it('a farmer killed with its launchers mid-task: the cut frame reads as such, and the next attempt is found', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'task.pid');
    const list = writeTasks(dir, [
      `echo "start $TASKFARMER_ATTEMPT"; [ "$TASKFARMER_ATTEMPT" -gt 1 ] || { echo $$ > ${pidFile}; sleep 30; }; echo end`,
    ]);
    const wd = `${list}_workdir`;
    const farmer = startCli([list, '-n', '1', '--logs', 'per-worker']);
    for (let i = 0; i < 600 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    const taskPid = Number(readFileSync(pidFile, 'utf8'));
    // The farmer, its launcher (a child of its own) and the task's group: a node lost at once.
    const launchers = execFileSync('pgrep', ['-P', String(farmer.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    for (const p of [farmer.child.pid!, ...launchers.map(Number)]) process.kill(p, 'SIGKILL');
    process.kill(-taskPid, 'SIGKILL');
    await farmer.done;
    expect((await runCli([list, '--logs', 'per-worker'])).code).toBe(0);
    const all = logs([wd, '0', '--all']);
    expect(all.out.toString()).toMatch(
      /^==> task 0 attempt 1 \(logs\/worker_\S+\) <==\nstart 1\n==> task 0 attempt 2 \(logs\/worker_\S+\) <==\nstart 2\nend\n$/,
    );
    const cut = logs([wd, '0', '--attempt', '1']);
    expect(cut.out.toString()).toBe('start 1\n');
    expect(cut.err).toMatch(/attempt 1 is still running, or its farmer died during it/);
    expect(logs([wd, '0']).out.toString()).toBe('start 2\nend\n');
  });

  it('without perl, Node writes the same frames', async () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of ['bash', 'sh', 'printf', 'cat'])
      symlinkSync(execFileSync('which', [tool], { encoding: 'utf8' }).trim(), join(bin, tool));
    const list = writeTasks(dir, ['echo one', TRICKY]);
    const r = await runCli([list, '-n', '1', '--logs', 'per-worker'], { env: { PATH: bin } });
    expect(r.code).toBe(0);
    const wd = `${list}_workdir`;
    expect(logs([wd, '0']).out.toString()).toBe('one\n');
    expect(logs([wd, '1']).out).toEqual(TRICKY_BYTES);
  });

  it('bad input: --logs bogus is one line, exit 2, nothing written', async () => {
    const dir = tempDir();
    const list = writeTasks(dir, ['echo a']);
    const r = await runCli([list, '--logs', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('taskfarmer: --logs must be per-task, per-worker or none (got "bogus")\n');
    expect(existsSync(`${list}_workdir`)).toBe(false);
    writeFileSync(join(dir, 'taskfarmer.yml'), 'logs: sometimes\n');
    const c = await runCli([list], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/taskfarmer\.yml:1: \/logs: .*per-task/);
    expect(existsSync(`${list}_workdir`)).toBe(false);
    const l = logs([join(dir, 'nowhere'), '0']);
    expect(l.code).toBe(2);
    expect(l.err).toBe(`taskfarmer: workdir ${join(dir, 'nowhere')} does not exist\n`);
    expect(logs([dir, 'x']).err).toBe('taskfarmer: task id must be a whole number ≥ 0 (got "x")\n');
  });
});
