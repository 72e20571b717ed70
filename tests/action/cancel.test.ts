import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ids, processesWith, sleep, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { copyAction, nodeBinaries, runAction, startAction } from './helpers.js';

let action: string;
beforeAll(() => {
  action = copyAction();
});

const lines = (path: string) => {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

for (const node of nodeBinaries()) {
  describe.skipIf(node.skip)(`cancelling the Action under ${node.label}`, () => {
    it('SIGINT then SIGTERM (a cancelled job) puts every in-flight task back in toprocess; a re-run finishes them', async () => {
      const dir = tempDir();
      const marker = 900 + Math.floor(Math.random() * 9000);
      const started = join(dir, 'started');
      const release = join(dir, 'release');
      // Tasks that ignore SIGTERM (so the farm is still stopping them when the second signal comes)
      // and leave a background child: the whole tree must go.
      const slow = `test -e ${release} && exit 0; echo $PROC_NUMBER >> ${started}; trap '' TERM; sleep ${marker} & sleep ${marker}`;
      writeTasks(dir, ['true', 'true', 'true', ...Array.from({ length: 12 }, () => slow)], 'tasks.txt');
      const run = startAction({ node: node.path, action, cwd: dir, inputs: { tasklist: 'tasks.txt', workers: '4' } });
      await waitFor(() => lines(started).length >= 4, 20_000, 'four running tasks');

      // The runner's protocol: SIGINT, SIGTERM later (7.5 s; sooner here, while tasks are still
      // being stopped), SIGKILL 10 s after the SIGINT. Outputs written before that are kept.
      run.child.kill('SIGINT');
      await sleep(500);
      run.child.kill('SIGTERM');
      const killer = setTimeout(() => run.child.kill('SIGKILL'), 9_500);
      const r = await run.done;
      clearTimeout(killer);

      expect(r.signal).toBeNull();
      const wd = join(dir, 'tasks.txt_workdir');
      expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2]);
      expect(ids(join(wd, 'toprocess'))).toEqual(Array.from({ length: 12 }, (_, i) => i + 3));
      expect(ids(join(wd, 'failed'))).toEqual([]);
      expect(processesWith(`sleep ${marker}`)).toEqual([]);
      expect(r.outputs).toMatchObject({
        total: '15',
        finished: '3',
        failed: '0',
        remaining: '12',
        status: 'incomplete',
      });
      expect(r.summary).toContain('Stopped early');
      expect(r.errors.at(-1)).toContain('cancelled (SIGINT): 12 of 15 tasks are left in toprocess');
      expect(r.notices.some((n) => n.includes('Artifacts not uploaded: the job was cancelled'))).toBe(true);

      // Re-running the workflow continues the same workdir.
      writeFileSync(release, '');
      const again = await runAction({
        node: node.path,
        action,
        cwd: dir,
        inputs: { tasklist: 'tasks.txt', workers: '4' },
      });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('12 tasks to process');
      expect(again.outputs).toMatchObject({ total: '15', finished: '15', remaining: '0', status: 'complete' });
    });

    it('the timeout input stops the farm, puts running tasks back and fails the step with how to continue', async () => {
      const dir = tempDir();
      const marker = 900 + Math.floor(Math.random() * 9000);
      writeTasks(dir, ['true', `sleep ${marker}`, `sleep ${marker}`], 'tasks.txt');
      const r = await runAction({
        node: node.path,
        action,
        cwd: dir,
        inputs: { tasklist: 'tasks.txt', workers: '3', timeout: '1s', 'upload-artifacts': 'false' },
      });
      expect(r.code).toBe(1);
      expect(r.outputs).toMatchObject({ status: 'incomplete', remaining: '2', finished: '1' });
      expect(r.errors.at(-1)).toContain('stopped by the timeout input after 1.0s: 2 of 3 tasks are left in toprocess');
      expect(processesWith(`sleep ${marker}`)).toEqual([]);
    });
  });
}
