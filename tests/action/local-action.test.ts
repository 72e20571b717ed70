import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, tempDir, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED, exitOf } from '../helpers/exec.js';
import { ROOT } from './helpers.js';

/** `npx @github/local-action . src/action/main.ts .env`: the toolkit stubbed, inputs from a dotenv file, defaults from action.yml. */
async function localAction(dotenv: string): Promise<{ code: number | null; out: string }> {
  const bin = join(ROOT, 'node_modules', '.bin', 'local-action');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)/.test(k)) env[k] = v;
  // extendEnv: false, or execa would put back the variables just left out.
  const r = await execa(bin, ['.', 'src/action/main.ts', dotenv], {
    ...AS_SPAWNED,
    cwd: ROOT,
    env,
    extendEnv: false,
    stdin: 'ignore',
    all: true,
  });
  return { code: exitOf(r).code, out: r.all };
}

describe('@github/local-action', () => {
  it('runs the action from source with the toolkit stubbed, inputs from a dotenv file and the other defaults from action.yml', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['echo a', 'echo b', 'exit 4']);
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const dotenv = join(dir, '.env');
    writeFileSync(
      dotenv,
      [`INPUT_TASKLIST=${tasklist}`, 'INPUT_WORKERS=2', `GITHUB_STEP_SUMMARY=${summary}`].join('\n') + '\n',
    );
    const r = await localAction(dotenv);
    expect(r.code, r.out).toBe(0);
    const wd = `${tasklist}_workdir`;
    expect(r.out).toContain(`::set-output name=status::failed`);
    expect(r.out).toContain(`::set-output name=workdir::${wd}`);
    expect(r.out).toMatch(/::error title=task 2 failed \(exit 4\)/);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1]);
    expect(ids(join(wd, 'failed'))).toEqual([2]);
    expect(readFileSync(summary, 'utf8')).toContain('**2** finished, **1** failed');
  });
});
