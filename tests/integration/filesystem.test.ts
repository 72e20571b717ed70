import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTasks } from '../helpers/cli.js';
import { detectFilesystem } from '../../src/workdir/fstype.js';

/** No Slurm variables of a job the tests may themselves run in. */
const noSlurm = { SLURM_NNODES: '', SLURM_JOB_NUM_NODES: '', SLURMD_NODENAME: '' };

describe('the farmer knows the filesystem of its workdir', () => {
  it('-v names it, and status --json and the JSON report carry it', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['true', 'true']);
    const wd = join(dir, 'wd');
    const fs = detectFilesystem(dir);
    const r = await runCli([tasklist, '-w', wd, '-n', '2', '-v'], { env: noSlurm });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`workdir filesystem: ${fs.type}`);
    const st = await runCli(['status', wd, '--json']);
    expect(JSON.parse(st.stdout).filesystem).toEqual(fs);
    const rep = await runCli(['report', wd, '--json', '-']);
    expect(JSON.parse(rep.stdout).filesystem).toEqual(fs);
  });

  it('under a Slurm job on several nodes, a workdir in tmpfs gets a loud warning at start', async () => {
    const dir = tempDir();
    const shm = mkdtempSync('/dev/shm/tf-');
    try {
      const tasklist = writeTasks(dir, ['true']);
      const r = await runCli([tasklist, '-w', join(shm, 'wd'), '-n', '1'], {
        env: { ...noSlurm, SLURM_NNODES: '3' },
      });
      expect(r.code).toBe(0);
      const warnings = r.stderr.split('\n').filter((l) => l.includes('WARNING'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/spans 3 nodes, but workdir .* is on tmpfs .*each node will run the whole tasklist/);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  });

  it('under a Slurm job on several nodes, no farmer of another node within the first seconds gets a warning', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['sleep 3']);
    const env = { ...noSlurm, SLURM_JOB_NUM_NODES: '2', TASKFARMER_NODE_CHECK_SECONDS: '1' };
    const r = await runCli([tasklist, '-w', join(dir, 'wd'), '-n', '1'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/WARNING: this Slurm job spans 2 nodes, but no farmer of another node appeared/);
    // Outside Slurm (or on one node) nothing is said.
    const alone = await runCli([tasklist, '-w', join(dir, 'wd2'), '-n', '1'], {
      env: { ...noSlurm, TASKFARMER_NODE_CHECK_SECONDS: '1' },
    });
    expect(alone.code).toBe(0);
    expect(alone.stderr).not.toContain('WARNING');
  });
});
