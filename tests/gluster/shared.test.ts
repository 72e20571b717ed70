import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, sleep, tempDir, waitFor } from '../helpers/cli.js';
import { GLUSTER_LOCK, glusterAvailable, heldBy, startGluster, type GlusterCluster } from '../helpers/gluster.js';
import { checkExactlyOnce, counts, lines, range } from '../faults/helpers.js';
import { farmerOn, sharedDir, sharedTasks } from './farms.js';

const skip = glusterAvailable();
if (skip) console.log(`skipping the GlusterFS tests: ${skip}`);

/** Every id of 0..n-1 executed exactly once, by the local record tasks append to. */
function executedOnce(record: string, n: number): string {
  const ran = counts(record);
  const twice = [...ran].filter(([, c]) => c > 1).map(([id]) => id);
  const never = range(n).filter((id) => !ran.has(id));
  return [
    twice.length ? `ran twice: ${twice.join(',')}` : '',
    never.length ? `never ran: ${never.slice(0, 20).join(',')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

// Each mount is a separate GlusterFS client with its own caches, standing for one node. Task
// records go to a local file: appends from two clients to one file on the volume can interleave
// mid-line (seen here), which is why the farmers never share a file they append to.
describe.skipIf(skip)('farmers on several GlusterFS clients share one workdir', () => {
  let g: GlusterCluster;
  beforeAll(async () => {
    g = await startGluster();
  }, 180_000);
  afterAll(() => g?.stop(), 300_000);

  it('leaves the test cluster lock free once started (no daemon inherited it)', () => {
    // cluster.sh starts glusterd while it holds this lock; a daemon that inherits the lock's
    // descriptor holds it for ever and every later start, stop and brick-start waits in vain
    // (what CI's fresh machine, where glusterd was not yet running, hit).
    const r = execaSync('flock', ['-n', GLUSTER_LOCK, 'true'], { reject: false });
    expect(r.exitCode, `${GLUSTER_LOCK} is held by: ${heldBy(GLUSTER_LOCK)}`).toBe(0);
  });

  it('4 farmers on 3 mounts × 2,000 tasks: every task runs and is recorded exactly once', async () => {
    const record = join(tempDir('tf-gl-'), 'executions');
    const d = sharedDir(g, 'many');
    sharedTasks(
      d,
      range(2000).map(() => `echo $PROC_NUMBER >> ${record}`),
    );
    const farmers = range(4).map((i) => farmerOn(d, i, ['-n', '2', '-q']));
    const results = await Promise.all(farmers.map((f) => f.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(checkExactlyOnce(join(d.at(3), 'wd'), 2000)).toBe('');
    expect(executedOnce(record, 2000)).toBe('');
  }, 1_200_000);

  it('lines appended to the tasklist through another mount while farms run become tasks, run once', async () => {
    const record = join(tempDir('tf-gl-'), 'executions');
    const d = sharedDir(g, 'append');
    const task = `echo $PROC_NUMBER >> ${record}; sleep 0.05`;
    sharedTasks(
      d,
      range(60).map(() => task),
    );
    const farmers = [0, 1].map((i) => farmerOn(d, i, ['-n', '3', '-q']));
    // The third mount, a node that only edits the list: 5 appends of 20 lines while farms run.
    for (let k = 0; k < 5; k++) {
      await waitFor(() => lines(join(d.at(2), 'wd', 'finished')).length >= 10 * k, 120_000, `${10 * k} finished`);
      appendFileSync(
        join(d.at(2), 'tasks.txt'),
        range(20)
          .map(() => `${task}\n`)
          .join(''),
      );
    }
    const results = await Promise.all(farmers.map((f) => f.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(checkExactlyOnce(join(d.at(2), 'wd'), 160)).toBe('');
    expect(executedOnce(record, 160)).toBe('');
  }, 300_000);

  it('status through a third mount sees both farmers at work, and the end', async () => {
    const d = sharedDir(g, 'status');
    sharedTasks(
      d,
      range(40).map(() => 'sleep 0.3'),
    );
    const farmers = [0, 1].map((i) => farmerOn(d, i, ['-n', '2', '-q']));
    const wd3 = join(d.at(2), 'wd');
    let seen: { farmers: Array<{ alive: boolean }>; running: number; filesystem: { type: string } } | undefined;
    await waitFor(() => lines(join(wd3, 'finished')).length >= 4, 120_000, 'four finished tasks');
    for (let i = 0; i < 50; i++) {
      const st = await runCli(['status', wd3, '--json']);
      expect(st.code, st.stderr).toBe(0);
      seen = JSON.parse(st.stdout);
      if (seen!.farmers.filter((f) => f.alive).length === 2 && seen!.running > 0) break;
      await sleep(200);
    }
    expect(seen!.farmers.filter((f) => f.alive)).toHaveLength(2);
    expect(seen!.running).toBeGreaterThan(0);
    expect(seen!.filesystem.type).toBe('fuse.glusterfs');
    for (const r of await Promise.all(farmers.map((f) => f.done))) expect(r.code, r.stderr).toBe(0);
    const end = JSON.parse((await runCli(['status', wd3, '--json'])).stdout);
    expect({ finished: end.finished, failed: end.failed, toProcess: end.toProcess }).toEqual({
      finished: 40,
      failed: 0,
      toProcess: 0,
    });
  }, 300_000);
});
