import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCpuList } from '../../src/farm/resources.js';
import { execa } from 'execa';
import { CLI, runCli, tempDir, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED } from '../helpers/exec.js';

/** Each task reports what it was given and what the kernel says its affinity is. */
const REPORT =
  'echo "worker=$TASKFARMER_WORKER gpus=$CUDA_VISIBLE_DEVICES rocr=$ROCR_VISIBLE_DEVICES hip=$HIP_VISIBLE_DEVICES tf=$TASKFARMER_GPUS cpus=$TASKFARMER_CPUS omp=$OMP_NUM_THREADS $(grep Cpus_allowed_list /proc/self/status | tr -d "\\t")"';

/**
 * Tasks that wait until a task of each of the `n` workers has started: so the sets below were
 * held at the same time, by workers running concurrently.
 */
function barrierTasks(dir: string, count: number, n: number): string[] {
  const all = Array.from({ length: n }, (_, w) => `-e ${dir}/started.${w}`).join(' -a ');
  return Array.from(
    { length: count },
    () =>
      `touch ${dir}/started.$TASKFARMER_WORKER; for i in $(seq 200); do [ ${all} ] && break; sleep 0.05; done; ${REPORT}`,
  );
}

function reports(wd: string, count: number): Array<Record<string, string>> {
  return Array.from({ length: count }, (_, id) => {
    const line = readFileSync(join(wd, 'logs', `log_${id}`), 'utf8').trim();
    return Object.fromEntries(line.split(' ').map((kv) => kv.split(/[=:]/, 2) as [string, string]));
  });
}

const ownCpus = parseCpuList(/Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]);

describe('--gpus-per-worker', () => {
  it('gives each concurrent worker its own GPUs from CUDA_VISIBLE_DEVICES, in every variable; -n = GPUs/N', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, barrierTasks(dir, 6, 3));
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-w', wd, '--gpus-per-worker', '2'], {
      env: { CUDA_VISIBLE_DEVICES: '0,1,2,3,4,5,6' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/with 3 workers/);
    const byWorker = new Map<string, string>();
    for (const t of reports(wd, 6)) {
      expect([t.rocr, t.hip, t.tf]).toEqual([t.gpus, t.gpus, t.gpus]);
      // A slot's set is fixed: every task of a worker sees the same one.
      expect(byWorker.get(t.worker) ?? t.gpus).toBe(t.gpus);
      byWorker.set(t.worker, t.gpus);
    }
    expect(byWorker.size).toBe(3);
    const used = [...byWorker.values()].flatMap((g) => g.split(','));
    expect(used.sort()).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('takes --gpus over the environment, and SLURM_JOB_GPUS when nothing else is set', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, [REPORT]);
    const r1 = await runCli([tasklist, '-w', join(dir, 'a'), '--gpus-per-worker', '1', '--gpus', '7'], {
      env: { CUDA_VISIBLE_DEVICES: '0' },
    });
    expect(r1.code, r1.stderr).toBe(0);
    expect(reports(join(dir, 'a'), 1)[0].gpus).toBe('7');
    const env = { CUDA_VISIBLE_DEVICES: '', ROCR_VISIBLE_DEVICES: '', SLURM_STEP_GPUS: '', SLURM_JOB_GPUS: '5' };
    const r2 = await runCli([tasklist, '-w', join(dir, 'b'), '--gpus-per-worker', '1'], { env });
    expect(r2.code, r2.stderr).toBe(0);
    expect(reports(join(dir, 'b'), 1)[0].gpus).toBe('5');
  });
});

describe('--cpus-per-worker', () => {
  it.skipIf(ownCpus.length < 2)(
    'binds each concurrent worker to its own cores, seen in /proc/self/status inside the task',
    async () => {
      const dir = tempDir();
      const n = Math.min(ownCpus.length, 4);
      const tasklist = writeTasks(dir, barrierTasks(dir, 2 * n, n));
      const wd = join(dir, 'wd');
      const r = await runCli([tasklist, '-w', wd, '--cpus-per-worker', '1', '-n', String(n)]);
      expect(r.code, r.stderr).toBe(0);
      const byWorker = new Map<string, string>();
      for (const t of reports(wd, 2 * n)) {
        expect(t.Cpus_allowed_list).toBe(t.cpus);
        expect(t.omp).toBe('1');
        expect(byWorker.get(t.worker) ?? t.cpus).toBe(t.cpus);
        byWorker.set(t.worker, t.cpus);
      }
      expect(byWorker.size).toBe(n);
      expect(new Set(byWorker.values()).size).toBe(n);
      for (const c of byWorker.values()) expect(ownCpus).toContain(Number(c));
    },
  );

  it.skipIf(ownCpus.length < 2)(
    "takes the cores from the farmer's own mask (as Slurm gives it): -n = cores/N",
    async () => {
      const dir = tempDir();
      const tasklist = writeTasks(dir, [REPORT, REPORT]);
      const wd = join(dir, 'wd');
      const cpu = String(ownCpus[ownCpus.length - 1]);
      // taskset -c: the farmer itself runs on one core, as in a Slurm step given one CPU.
      const run = await execa(
        'taskset',
        ['-c', cpu, process.execPath, CLI, tasklist, '-w', wd, '--cpus-per-worker', '1'],
        { ...AS_SPAWNED, stdin: 'ignore', all: true },
      );
      const out = run.all;
      expect(run.exitCode, out).toBe(0);
      expect(out).toMatch(/with 1 workers/);
      for (const t of reports(wd, 2)) expect([t.cpus, t.Cpus_allowed_list]).toEqual([cpu, cpu]);
    },
  );
});

describe('--cpus-per-worker without perl', () => {
  it.skipIf(ownCpus.length < 2)('Node starts each task under taskset: the binding is the same', async () => {
    const dir = tempDir();
    // A PATH with no perl: the farmer falls back to spawning tasks itself.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of ['taskset', 'grep', 'tr', 'touch', 'seq', 'sleep']) {
      const found = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find((p) => existsSync(p));
      if (found) symlinkSync(found, join(bin, tool));
    }
    const tasklist = writeTasks(dir, barrierTasks(dir, 4, 2));
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-w', wd, '--cpus-per-worker', '1', '-n', '2'], { env: { PATH: bin } });
    expect(r.code, r.stderr).toBe(0);
    const byWorker = new Map<string, string>();
    for (const t of reports(wd, 4)) {
      expect(t.Cpus_allowed_list).toBe(t.cpus);
      byWorker.set(t.worker, t.cpus);
    }
    expect(new Set(byWorker.values()).size).toBe(2);
  });

  it('without taskset, --cpus-per-worker is refused before anything is written', async () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const tasklist = writeTasks(dir, ['true']);
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-w', wd, '--cpus-per-worker', '1'], { env: { PATH: bin } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cpus-per-worker needs taskset \(util-linux\) on PATH/);
    expect(existsSync(wd)).toBe(false);
  });
});

describe('bad resource input: one line, exit 2, nothing written', () => {
  const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
    [['--gpus-per-worker', '0'], {}, /--gpus-per-worker must be a positive integer \(got "0"\)/],
    [['--gpus-per-worker', '-1'], {}, /--gpus-per-worker must be a positive integer/],
    [['--cpus-per-worker', 'two'], {}, /--cpus-per-worker must be a positive integer \(got "two"\)/],
    [['--gpus-per-worker', '1', '--gpus', '0,1,0'], {}, /--gpus: GPU 0 is listed twice/],
    [['--gpus-per-worker', '1'], { CUDA_VISIBLE_DEVICES: '2,2' }, /CUDA_VISIBLE_DEVICES: GPU 2 is listed twice/],
    [
      ['--gpus-per-worker', '2', '-n', '3'],
      { CUDA_VISIBLE_DEVICES: '0,1,2,3' },
      /needs 6 GPUs, but 4 GPUs are available/,
    ],
    [['--cpus-per-worker', '100000'], {}, /--cpus-per-worker 100000: only \d+ cores? (is|are) available/],
    [['--max-failures', '0'], {}, /--max-failures must be a positive integer/],
  ];
  for (const [args, env, pattern] of cases) {
    it(`${args.join(' ')} ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`, async () => {
      const dir = tempDir();
      const tasklist = writeTasks(dir, ['true']);
      const wd = join(dir, 'wd');
      const r = await runCli([tasklist, '-w', wd, ...args], { env });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(existsSync(wd)).toBe(false);
    });
  }
});
