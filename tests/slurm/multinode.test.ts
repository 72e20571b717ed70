import { execa, execaSync } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED } from '../helpers/exec.js';
import { slurmAvailable, startCluster, type SlurmCluster } from '../helpers/slurm.js';
import { allRecords, checkExactlyOnce, counts, lines, range } from '../faults/helpers.js';

const SBATCH_SCRIPT = fileURLToPath(new URL('../../examples/slurm/farm.sbatch', import.meta.url));
const SBATCH_NODES = fileURLToPath(new URL('../../examples/slurm/farm-nodes.sbatch', import.meta.url));
const skip = slurmAvailable();
if (skip) console.log(`skipping the multi-node Slurm tests: ${skip}`);

/** `<id> <word>` lines a task appended: how many tasks each word (node, job) ran. */
function byWord(path: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines(path)) {
    const w = l.split(' ')[1];
    out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

describe.skipIf(skip)('farming on a real Slurm cluster (3 nodes)', () => {
  let cluster: SlurmCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 90_000);
  afterAll(() => cluster?.stop());

  // extendEnv: false, as cluster.env leaves out the SLURM_* variables of any job around us.
  const slurm = (cmd: string, args: string[], cwd?: string) =>
    execaSync(cmd, args, {
      env: { ...cluster.env, TASKFARMER: `${process.execPath} ${CLI}` },
      extendEnv: false,
      cwd,
    }).stdout;
  const queueEmpty = () => slurm('squeue', ['--noheader', '--format=%i']).trim() === '';
  const exitCode = (job: string) => /ExitCode=(\d+):/.exec(slurm('scontrol', ['show', 'job', job]))?.[1];

  it('srun -N3 -n3: one farmer per node on one workdir; every task runs once and every node works', async () => {
    const dir = tempDir('tf-srun-');
    const executions = join(dir, 'executions');
    const tasklist = writeTasks(
      dir,
      range(60).map(() => `echo "$PROC_NUMBER $SLURMD_NODENAME" >> ${executions}; sleep 0.1`),
    );
    const wd = join(dir, 'wd');
    const run = await execa('srun', ['-N3', '-n3', process.execPath, CLI, tasklist, '-w', wd, '-n', '2'], {
      ...AS_SPAWNED,
      env: cluster.env,
      extendEnv: false,
      stdin: 'ignore',
      all: true,
    });
    expect(run.exitCode, run.all).toBe(0);
    expect(checkExactlyOnce(wd, 60)).toBe('');
    expect([...counts(executions).values()].every((c) => c === 1)).toBe(true);
    expect([...byWord(executions).keys()].sort()).toEqual(['n1', 'n2', 'n3']);
    // Three farmers, one per node, each said hello in the same workdir.
    expect(allRecords(wd).filter((r) => r.t === 'hello')).toHaveLength(3);
  });

  it('sbatch: SIGUSR1 to the batch script puts running tasks back, exit 75, and the resubmitted job finishes', async () => {
    const dir = tempDir('tf-sbatch-');
    const executions = join(dir, 'executions');
    const tasklist = writeTasks(
      dir,
      range(40).map(() => `echo "$PROC_NUMBER $SLURM_JOB_ID" >> ${executions}; sleep 0.3`),
    );
    const wd = join(dir, 'wd');
    const first = slurm('sbatch', ['--parsable', SBATCH_SCRIPT, tasklist, wd], dir).trim();
    await waitFor(() => lines(executions).length >= 6, 30_000, 'six tasks to start');
    // What `#SBATCH --signal=B:USR1@300` does 300 s before the time limit.
    slurm('scancel', ['--signal=USR1', '--batch', first]);
    await waitFor(() => queueEmpty() && lines(join(wd, 'finished')).length >= 40, 60_000, 'the chain to finish');

    expect(checkExactlyOnce(wd, 40)).toBe('');
    const jobs = [...byWord(executions).keys()];
    expect(jobs).toHaveLength(2);
    const second = jobs.find((j) => j !== first)!;
    expect(exitCode(first)).toBe('75');
    expect(exitCode(second)).toBe('0');
    const out = readFileSync(join(dir, `taskfarmer-${first}.out`), 'utf8');
    expect(out).toContain('stopping (signal:SIGUSR1)');
    expect(out).toContain(`Submitted batch job ${second}`);
    // The tasks that were running went back and ran again in the second job; no other ran twice.
    const stopped = new Set(
      allRecords(wd)
        .filter((r) => r.t === 'requeue' && r.why === 'stop')
        .map((r) => r.id),
    );
    expect(stopped.size).toBeGreaterThan(0);
    const twice = [...counts(executions)].filter(([, c]) => c > 1).map(([id]) => id);
    expect(twice.filter((id) => !stopped.has(id))).toEqual([]);
  });

  it('sbatch on 3 nodes: USR1 to every process of the job steps puts running tasks back, none fails; the next job finishes', async () => {
    const dir = tempDir('tf-sbatch-nodes-');
    const executions = join(dir, 'executions');
    const tasklist = writeTasks(
      dir,
      range(90).map(() => `echo "$PROC_NUMBER $SLURM_JOB_ID $SLURMD_NODENAME" >> ${executions}; sleep 0.3`),
    );
    const wd = join(dir, 'wd');
    const first = slurm('sbatch', ['--parsable', SBATCH_NODES, tasklist, wd], dir).trim();
    await waitFor(() => lines(executions).length >= 15, 30_000, 'fifteen tasks to start');
    // What `#SBATCH --signal=USR1@300` does: the farmers, their launchers and their tasks all get it.
    slurm('scancel', ['--signal=USR1', first]);
    await waitFor(() => queueEmpty() && lines(join(wd, 'finished')).length >= 90, 60_000, 'the chain to finish');

    expect(checkExactlyOnce(wd, 90)).toBe('');
    expect(exitCode(first)).toBe('75');
    const nodesOfFirst = new Set(
      lines(executions)
        .filter((l) => l.split(' ')[1] === first)
        .map((l) => l.split(' ')[2]),
    );
    expect([...nodesOfFirst].sort()).toEqual(['n1', 'n2', 'n3']);
    expect(new Set(lines(executions).map((l) => l.split(' ')[1])).size).toBe(2);
  });

  it('a job array: three farmers on one workdir run every task once', async () => {
    const dir = tempDir('tf-array-');
    const executions = join(dir, 'executions');
    const tasklist = writeTasks(
      dir,
      range(60).map(() => `echo "$PROC_NUMBER $SLURM_ARRAY_TASK_ID" >> ${executions}; sleep 0.2`),
    );
    const wd = join(dir, 'wd');
    const job = slurm('sbatch', ['--parsable', '--array=0-2', SBATCH_SCRIPT, tasklist, wd], dir).trim();
    await waitFor(() => queueEmpty(), 60_000, 'the array to finish');
    expect(checkExactlyOnce(wd, 60)).toBe('');
    expect([...counts(executions).values()].every((c) => c === 1)).toBe(true);
    // Array tasks start within a second of each other: more than one of them did work.
    expect(byWord(executions).size).toBeGreaterThan(1);
    for (const i of [0, 1, 2]) expect(exitCode(`${job}_${i}`)).toBe('0');
  });
});
