import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ids, tempDir, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED } from '../helpers/exec.js';
import { slurmAvailable, startCluster, type SlurmCluster } from '../helpers/slurm.js';

const skip = slurmAvailable();
if (skip) console.log(`skipping the Slurm walltime test: ${skip}`);

describe.skipIf(skip)('walltime-aware claiming under a real Slurm time limit', () => {
  let cluster: SlurmCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 90_000);
  afterAll(() => cluster?.stop());

  it('a step with --time=1 stops claiming before the limit (squeue %L) and exits 75, killing nothing', async () => {
    const dir = tempDir('tf-walltime-');
    // 15 s tasks against a 1-minute limit: two or three fit, the fourth would not.
    const tasklist = writeTasks(
      dir,
      Array.from({ length: 8 }, () => 'sleep 15'),
    );
    const wd = join(dir, 'wd');
    const run = await execa(
      'srun',
      ['-N1', '-n1', '--time=1', process.execPath, CLI, tasklist, '-w', wd, '-n', '1', '-v'],
      { ...AS_SPAWNED, env: cluster.env, extendEnv: false, stdin: 'ignore', all: true },
    );
    const output = run.all;
    expect(run.exitCode, output).toBe(75);
    expect(output).toMatch(/stopped claiming .* before the time limit/);
    expect(output).not.toMatch(/\[stopped\]|stopping \(/);
    const finished = ids(join(wd, 'finished'));
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(ids(join(wd, 'toprocess'))).toHaveLength(8 - finished.length);
  }, 150_000);
});
