import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir, waitFor } from '../helpers/cli.js';
import { glusterAvailable, startGluster, type GlusterCluster } from '../helpers/gluster.js';
import { slurmAvailable, startCluster, type SlurmCluster } from '../helpers/slurm.js';
import { checkExactlyOnce, counts, lines, range } from '../faults/helpers.js';
import { sharedDir, sharedTasks } from './farms.js';

const SBATCH_NODES = fileURLToPath(new URL('../../examples/slurm/farm-nodes.sbatch', import.meta.url));
const skip = glusterAvailable() ?? slurmAvailable();
if (skip) console.log(`skipping Slurm on GlusterFS clients: ${skip}`);

/** `<id> <node> <device>` lines: the device number of the volume's mount as the task saw it. */
function byNode(path: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const l of lines(path)) {
    const [, node, dev] = l.split(' ');
    if (!out.has(node)) out.set(node, new Set());
    out.get(node)!.add(dev);
  }
  return out;
}

// Each slurmd runs in its own mount namespace with its own GlusterFS client mounting the volume
// at the same path (tests/slurm/cluster.sh, SLURM_TEST_GLUSTER): three nodes, three clients.
describe.skipIf(skip)('Slurm nodes, each with its own GlusterFS client', () => {
  let g: GlusterCluster;
  let cluster: SlurmCluster;
  beforeAll(async () => {
    g = await startGluster();
    cluster = await startCluster({ gluster: { volume: g.volume, path: g.mounts[0] } });
  }, 400_000);
  afterAll(async () => {
    await cluster?.stop();
    await g?.stop();
  }, 300_000);

  const slurm = (cmd: string, args: string[], cwd?: string) =>
    execFileSync(cmd, args, {
      env: { ...cluster.env, TASKFARMER: `${process.execPath} ${CLI}` },
      cwd,
      encoding: 'utf8',
    });
  const queueEmpty = () => slurm('squeue', ['--noheader', '--format=%i']).trim() === '';
  const exitCode = (job: string) => /ExitCode=(\d+):/.exec(slurm('scontrol', ['show', 'job', job]))?.[1];
  // The tasks write what they saw to a local file: appends from several clients to one file on
  // the volume can interleave mid-line.
  const taskLine = (record: string, path: string) =>
    `echo "$PROC_NUMBER $SLURMD_NODENAME $(stat -c %d ${path}) $SLURM_JOB_ID" >> ${record}; sleep 0.2`;

  it('srun -N3: three farmers on three clients share the workdir; every task once', async () => {
    const record = join(tempDir('tf-glslurm-'), 'executions');
    const d = sharedDir(g, 'srun');
    sharedTasks(
      d,
      range(60).map(() => taskLine(record, g.mounts[0])),
    );
    const child = spawn(
      'srun',
      ['-N3', '-n3', process.execPath, CLI, join(d.at(0), 'tasks.txt'), '-w', join(d.at(0), 'wd'), '-n', '2', '-v'],
      { env: cluster.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(code, output).toBe(0);
    expect(checkExactlyOnce(join(d.at(0), 'wd'), 60)).toBe('');
    expect([...counts(record).values()].every((c) => c === 1)).toBe(true);
    // Every node worked, each through a mount of its own: three devices, none the host's.
    const nodes = byNode(record);
    expect([...nodes.keys()].sort()).toEqual(['n1', 'n2', 'n3']);
    const devices = [...nodes.values()].map((s) => [...s]);
    for (const devs of devices) expect(devs).toHaveLength(1);
    expect(new Set(devices.flat()).size).toBe(3);
    expect(devices.flat()).not.toContain(String(statSync(g.mounts[0]).dev));
    expect(output).toContain('workdir filesystem: fuse.glusterfs');
    expect(output).not.toContain('WARNING');
  }, 300_000);

  it('sbatch on 3 nodes: USR1 puts running tasks back, exit 75, and the resubmitted job finishes the list', async () => {
    const local = tempDir('tf-glsbatch-');
    const record = join(local, 'executions');
    const d = sharedDir(g, 'sbatch');
    sharedTasks(
      d,
      range(90).map(() => taskLine(record, g.mounts[0])),
    );
    const wd = join(d.at(0), 'wd');
    const first = slurm('sbatch', ['--parsable', SBATCH_NODES, join(d.at(0), 'tasks.txt'), wd], local).trim();
    await waitFor(() => lines(record).length >= 15, 120_000, 'fifteen tasks to start');
    slurm('scancel', ['--signal=USR1', first]);
    await waitFor(() => queueEmpty() && lines(join(wd, 'finished')).length >= 90, 240_000, 'the chain to finish');
    expect(checkExactlyOnce(wd, 90)).toBe('');
    expect(exitCode(first)).toBe('75');
    const jobs = new Set(lines(record).map((l) => l.split(' ')[3]));
    expect(jobs.size).toBe(2);
    const nodes = byNode(record);
    expect([...nodes.keys()].sort()).toEqual(['n1', 'n2', 'n3']);
    expect(new Set([...nodes.values()].flatMap((s) => [...s])).size).toBe(3);
  }, 400_000);
});
