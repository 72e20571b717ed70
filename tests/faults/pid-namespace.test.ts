/**
 * Farmers in different pid namespaces on one host (Apptainer --containall, `unshare --pid`,
 * container runtimes) share a kernel and a boot id, but a pid means another process (or none)
 * in each namespace. A farmer must not judge the other dead by its pid: it falls back to the
 * lease, so both cooperate, every task runs once and nobody rejoins.
 */
import { execa, execaSync } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir, writeTasks, type RunResult } from '../helpers/cli.js';
import { AS_SPAWNED, exitOf } from '../helpers/exec.js';
import { checkExactlyOnce, range } from './helpers.js';

const probe = execaSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { reject: false });
const why = probe.exitCode === 0 ? '' : `unshare --pid --fork --mount-proc does not work here (${probe.stderr}) `;
if (why) console.warn(`skipping the pid-namespace test: ${why}`);

/**
 * Runs the CLI in a new pid namespace. With `high`, the farmer gets pid 5001 there (the
 * namespace's next pid is set first), else pid 1: a pid the other farmer's namespace does not
 * have, and one it has (its own first process), as happens between containers.
 */
async function inNamespace(args: string[], high: boolean): Promise<RunResult> {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const burn = 'echo 5000 > /proc/sys/kernel/ns_last_pid';
  const r = await execa(
    'unshare',
    ['--pid', '--fork', '--mount-proc', 'sh', '-c', high ? `${burn}; ${cmd}; exit $?` : `exec ${cmd}`],
    { ...AS_SPAWNED, stdin: 'ignore' },
  );
  return { ...exitOf(r), stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(why !== '')('farmers in two pid namespaces on one workdir', () => {
  it('cooperate: every task runs once, nobody is taken for dead, nobody rejoins', async () => {
    const dir = tempDir('tf-pidns-');
    const out = join(dir, 'executions');
    const n = 30;
    const tasks = writeTasks(
      dir,
      range(n).map(() => `echo $PROC_NUMBER >> ${out}; sleep 0.3`),
    );
    const wd = join(dir, 'wd');
    const flags = ['-w', wd, '-n', '2', '--lease', '20s'];
    const [a, b] = await Promise.all([inNamespace([tasks, ...flags], false), inNamespace([tasks, ...flags], true)]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(checkExactlyOnce(wd, n)).toBe('');
    const runs = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    expect(runs).toHaveLength(n);
    for (const r of [a, b]) {
      expect(r.stderr).not.toMatch(/is gone/);
      expect(r.stderr).not.toMatch(/joining again/);
    }
  }, 120_000);
});
