import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ids, tempDir } from '../helpers/cli.js';
import { copyAction, runAction } from './helpers.js';

let action: string;
beforeAll(() => {
  action = copyAction();
});

/** Inline `tasks` without `workdir`, as a job with several such steps has them. */
describe('inline tasks in several steps of one job', () => {
  const step = (ws: string, id: string, tasks: string, temp?: string) =>
    runAction({
      node: process.execPath,
      action,
      cwd: ws,
      inputs: { tasks },
      // The runner names each step in GITHUB_ACTION; RUNNER_TEMP is the job's, shared by its steps.
      env: { GITHUB_ACTION: id, ...(temp ? { RUNNER_TEMP: temp } : {}) },
    });

  it('each step gets its own default workdir, and both run their tasks', async () => {
    const ws = tempDir();
    const temp = tempDir('tf-runner-temp-');
    const a = await step(ws, '__owner_taskfarmer', 'echo a\necho b', temp);
    const b = await step(ws, '__owner_taskfarmer_2', 'echo c', temp);
    expect([a.code, b.code], a.stdout + b.stdout).toEqual([0, 0]);
    expect(a.outputs.workdir).toBe(join(ws, 'taskfarmer___owner_taskfarmer_workdir'));
    expect(b.outputs.workdir).toBe(join(ws, 'taskfarmer___owner_taskfarmer_2_workdir'));
    expect(ids(a.outputs['finished-list']).sort()).toEqual([0, 1]);
    expect(ids(b.outputs['finished-list'])).toEqual([0]);
  });

  it('a re-run of a step with edited tasks is refused in terms of inputs, not CLI flags or temp files', async () => {
    const ws = tempDir();
    const temp = tempDir('tf-runner-temp-');
    expect((await step(ws, 'farm', 'echo one\necho two', temp)).code).toBe(0);
    const r = await step(ws, 'farm', 'echo one\necho TWO', temp);
    expect(r.code).toBe(1);
    const [error] = r.errors;
    expect(error).toMatch(/the tasks input changed since workdir .*taskfarmer_farm_workdir was created/);
    expect(error).toMatch(/use a new workdir input/);
    expect(error).not.toMatch(/--\w|\.tasks\b/);
  });

  it('tasks with only comments and blank lines warn that there is nothing to do', async () => {
    const ws = tempDir();
    const r = await step(ws, 'farm', '# nothing yet\n\n   \n# still nothing');
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ total: '0', status: 'complete' });
    expect(r.warnings.join('\n')).toMatch(/tasks: no task to run \(only blank lines and # comments\): nothing to do/);
    expect(existsSync(r.outputs.workdir)).toBe(true);
  });
});
