import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ids, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { slurmAvailable, startCluster, type SlurmCluster } from '../helpers/slurm.js';
import { nodeBinaries, ROOT } from './helpers.js';
import { runJob } from './workflow.js';

const dir = join(ROOT, 'examples', 'workflows');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
// The runtime `node24` gives, when it is installed here.
const node = nodeBinaries()
  .filter((n) => !n.skip)
  .at(-1)!.path;

describe('examples/workflows', () => {
  it('use only the inputs and outputs action.yml declares', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
    expect(files.sort()).toEqual(['basic.yml', 'hpc-matrix.yml', 'slurm.yml']);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const doc = parse(text);
      for (const job of Object.values(doc.jobs as Record<string, { steps: Array<{ uses?: string; with?: object }> }>)) {
        for (const step of job.steps.filter((s) => s.uses === './')) {
          for (const k of Object.keys(step.with ?? {})) expect(action.inputs, `${f}: input ${k}`).toHaveProperty([k]);
        }
      }
      for (const m of text.matchAll(/steps\.[\w-]+\.outputs\.([\w-]+)/g)) {
        expect(action.outputs, `${f}: output ${m[1]}`).toHaveProperty([m[1]]);
      }
    }
  });

  it('basic.yml: the tasklist and the inline tasks run, and the outputs reach the next step', async () => {
    const [job] = await runJob({ workflow: 'basic.yml', job: 'farm', node });
    expect(job.steps.map((s) => [s.name, s.ok])).toEqual([
      ['actions/checkout@v5', true],
      ['Farm the tasklist', true],
      ['Use the outputs', true],
      ['Inline tasks, one per line', true],
    ]);
    expect(job.steps[1].action!.outputs).toMatchObject({ status: 'complete', total: '8', finished: '8' });
    expect(job.steps[2].output).toContain('finished: 8 of 8');
    expect(job.steps[3].action!.outputs).toMatchObject({ status: 'complete', total: '3', finished: '3' });
  });

  it('hpc-matrix.yml: four jobs farm one tasklist in one shared workdir, each task exactly once', async () => {
    const scratch = tempDir('tf-scratch-');
    const ran = join(scratch, 'ran');
    const tasklist = writeTasks(
      scratch,
      Array.from({ length: 40 }, () => `echo $PROC_NUMBER >> ${ran}; sleep 0.05`),
    );
    const opts = { workflow: 'hpc-matrix.yml', inputs: { tasklist }, vars: { SCRATCH: scratch }, node };
    const jobs = await runJob({ ...opts, job: 'farm' });
    expect(jobs).toHaveLength(4);
    for (const j of jobs) expect(j.ok, j.steps.map((s) => s.output).join('\n')).toBe(true);
    const wd = join(scratch, 'taskfarmer', 'example', 'repo', '4242');
    for (const j of jobs)
      expect(j.steps[1].action!.outputs).toMatchObject({ workdir: wd, status: 'complete', total: '40' });
    // One job uploads the shared workdir's results (here: says there is no artifact service); the others don't try.
    const tried = jobs.map((j) => j.steps[1].action!.notices.some((n) => n.includes('Artifacts not uploaded')));
    expect(tried).toEqual([true, false, false, false]);
    const counts = new Map<string, number>();
    for (const id of readFileSync(ran, 'utf8').split('\n').filter(Boolean)) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(ids(join(wd, 'finished')).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const report = JSON.parse(readFileSync(join(wd, 'report.json'), 'utf8'));
    expect(report.farmers).toHaveLength(4);

    const [status] = await runJob({ ...opts, job: 'status' });
    expect(status.ok).toBe(true);
    expect(status.steps.map((s) => s.name)).toEqual(['npx --yes taskfarmer status "$WORKDIR"']);
    expect(status.steps[0].output).toMatch(/finished\s+40/);
  });

  it('.github/workflows/ci.yml: the job running the action checks its outputs, and they hold', async () => {
    const [job] = await runJob({ workflow: '.github/workflows/ci.yml', job: 'action', node });
    expect(job.steps.map((s) => [s.name, s.ok])).toEqual([
      ['actions/checkout@v5', true],
      ['Farm three tasks, one of them failing', true],
      ['Check the outputs', true],
    ]);
    expect(job.steps[1].action!.outputs).toMatchObject({ status: 'failed', total: '3', failed: '1' });
  });

  describe.skipIf(slurmAvailable())('slurm.yml on a real Slurm cluster', () => {
    let cluster: SlurmCluster;
    beforeAll(async () => {
      cluster = await startCluster();
    }, 90_000);
    afterAll(() => cluster?.stop());

    it('takes an allocation, runs each task as a job step in it, and gives it back', async () => {
      const scratch = tempDir('tf-scratch-');
      const [job] = await runJob({
        workflow: 'slurm.yml',
        job: 'farm',
        inputs: { nodes: '2', tasks: '2' },
        vars: { SCRATCH: scratch },
        env: { SLURM_CONF: cluster.env.SLURM_CONF },
        node,
      });
      expect(job.ok, job.steps.map((s) => `${s.name}:\n${s.output}`).join('\n')).toBe(true);
      expect(job.steps[1].output).toMatch(/Granted job allocation \d+/);
      const farm = job.steps[3].action!;
      expect(farm.outputs).toMatchObject({ status: 'complete', total: '8', finished: '8' });
      expect(readFileSync(join(farm.outputs.workdir, 'logs', 'log_0'), 'utf8')).toContain('hello from task 0');
      // scancel returns before the job is gone: it may show as completing for a moment.
      const jobs = () =>
        execFileSync('squeue', ['--noheader', '--format=%i %j'], { env: cluster.env, encoding: 'utf8' });
      await waitFor(() => jobs().trim() === '', 30_000, 'the allocation to be released');
    }, 120_000);
  });
});
