import { execa, execaSync } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ids, processesWith, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED, exitOf } from '../helpers/exec.js';
import { slurmAvailable, startCluster, type SlurmCluster } from '../helpers/slurm.js';

/** Runs `salloc ARGS… bash -c SCRIPT` and resolves with its exit code and output. */
function salloc(cluster: SlurmCluster, cwd: string, args: string[], script: string) {
  const child = execa('salloc', [...args, 'bash', '-c', script], {
    ...AS_SPAWNED,
    cwd,
    // cluster.env without process.env: no SLURM_* variable of a job around us.
    env: { ...cluster.env, TF_NODE: process.execPath, TF_CLI: CLI },
    extendEnv: false,
    stdin: 'ignore',
    all: true,
  });
  const done = child.then((r) => ({ code: exitOf(r).code, output: r.all }));
  return { child, done };
}

const noSlurm = slurmAvailable();
if (noSlurm) console.log(`skipping the srun runner tests on a real Slurm cluster: ${noSlurm}`);

describe.skipIf(noSlurm)('srun runner on a real Slurm cluster (3 nodes)', () => {
  let cluster: SlurmCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 90_000);
  afterAll(() => cluster?.stop());

  const steps = (job: string): string[] =>
    execaSync('squeue', ['--noheader', '--steps', `--jobs=${job}`, '--format=%i %j'], {
      env: cluster.env,
      extendEnv: false,
    })
      .stdout.split('\n')
      .map((l) => l.trim())
      .filter((l) => /^\d+\.\d+ /.test(l));

  it('runs each task as a job step inside salloc; output, PROC_NUMBER and exit codes come through', async () => {
    const dir = tempDir('tf-srun-');
    writeFileSync(join(dir, 'taskfarmer.yml'), 'runners:\n  steps:\n    type: srun\n    setup: export GREETING=hi\n');
    const tasklist = writeTasks(dir, [
      'echo "$GREETING $PROC_NUMBER $SLURMD_NODENAME step=$SLURM_STEP_ID"',
      'echo "$GREETING $PROC_NUMBER $SLURMD_NODENAME step=$SLURM_STEP_ID"',
      'echo failing on $SLURMD_NODENAME; exit 3',
    ]);
    const r = await salloc(cluster, dir, ['-N3', '-n3'], `exec "$TF_NODE" "$TF_CLI" ${tasklist} -r steps -n 3`).done;
    expect(r.code, r.output).toBe(1);
    const wd = `${tasklist}_workdir`;
    for (const id of [0, 1]) {
      expect(readFileSync(join(wd, 'logs', `log_${id}`), 'utf8')).toMatch(new RegExp(`^hi ${id} n[123] step=\\d+\\n$`));
    }
    // srun adds its own line about the exit code; the two streams may come in either order.
    expect(readFileSync(join(wd, 'logs', 'log_2'), 'utf8')).toMatch(/^failing on n[123]$/m);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1]);
    expect(ids(join(wd, 'failed'))).toEqual([2]);
    expect(r.output).toContain('task 2 failed (exit 3)');
  }, 60_000);

  it('stopping the farm (SIGTERM) ends every step; a SIGKILLed srun has its step cancelled', async () => {
    const dir = tempDir('tf-srun-stop-');
    writeFileSync(join(dir, 'taskfarmer.yml'), 'runners:\n  steps:\n    type: srun\n');
    const marker = `4${Date.now() % 100000}`;
    // Task 1 ignores SIGTERM: Slurm must KILL it.
    const tasklist = writeTasks(dir, [
      `sleep ${marker}0`,
      `trap "" TERM; sleep ${marker}1; echo never`,
      `sleep ${marker}2`,
    ]);
    // The allocation outlives the farm, so only the farm's own stopping can end the steps.
    const a = salloc(
      cluster,
      dir,
      ['-N3', '-n3'],
      `echo $SLURM_JOB_ID > jobid; "$TF_NODE" "$TF_CLI" ${tasklist} -r steps -n 3 & echo $! > farm.pid; wait $!; echo $? > farm.rc; until [ -e release ]; do sleep 0.1; done`,
    );
    try {
      await waitFor(() => existsSync(join(dir, 'jobid')), 20_000, 'the allocation');
      const job = readFileSync(join(dir, 'jobid'), 'utf8').trim();
      await waitFor(() => steps(job).length === 3, 20_000, 'three running steps');

      // srun of task 0 dies without telling Slurm (as after a second stop signal): the runner cancels its step.
      const srun0 = processesWith(`sleep ${marker}0`).filter(
        (pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'srun',
      );
      expect(srun0.length).toBeGreaterThan(0);
      for (const pid of srun0) process.kill(pid, 'SIGKILL');
      await waitFor(() => steps(job).length === 2, 20_000, 'the orphaned step to be cancelled');

      process.kill(Number(readFileSync(join(dir, 'farm.pid'), 'utf8')), 'SIGTERM');
      await waitFor(() => existsSync(join(dir, 'farm.rc')), 20_000, 'the farm to exit');
      expect(readFileSync(join(dir, 'farm.rc'), 'utf8').trim()).toBe('75');
      await waitFor(() => steps(job).length === 0, 20_000, 'no step left in the allocation');
      expect(processesWith(`sleep ${marker}`)).toEqual([]);
      const wd = `${tasklist}_workdir`;
      expect(ids(join(wd, 'failed'))).toEqual([0]);
      expect(ids(join(wd, 'toprocess'))).toEqual([1, 2]);
    } finally {
      // On failure too: no farm, no step and no salloc outlives the test.
      try {
        process.kill(Number(readFileSync(join(dir, 'farm.pid'), 'utf8')), 'SIGKILL');
      } catch {
        // gone already
      }
      if (existsSync(join(dir, 'jobid'))) {
        execaSync('scancel', [readFileSync(join(dir, 'jobid'), 'utf8').trim()], { env: cluster.env, extendEnv: false });
      }
      writeFileSync(join(dir, 'release'), '');
      await a.done;
    }
  }, 90_000);
});
