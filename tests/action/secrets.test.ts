import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeTasks } from '../helpers/cli.js';
import { copyAction, nodeBinaries, runAction } from './helpers.js';

let action: string;
beforeAll(() => {
  action = copyAction();
});

/** What the runner gives the action for itself: artifact/cache service, OIDC token minting. */
const RUNNER_SECRETS = {
  ACTIONS_RUNTIME_TOKEN: 'secret-runtime-token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'secret-oidc-token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.invalid/secret',
  ACTIONS_RESULTS_URL: 'https://results.invalid/secret',
  ACTIONS_CACHE_URL: 'https://cache.invalid/secret',
  ACTIONS_RUNTIME_URL: 'https://runtime.invalid/secret',
  ACTIONS_ORCHESTRATION_ID: 'secret-orchestration',
};

for (const node of nodeBinaries()) {
  describe.skipIf(node.skip)(`the Action under ${node.label}`, () => {
    it("keeps the runner's ACTIONS_* secrets out of the tasks' environment (and so out of logs, summary, report)", async () => {
      const dir = tempDir();
      writeTasks(dir, ['env', 'env; exit 1'], 'tasks.txt');
      const r = await runAction({
        node: node.path,
        action,
        cwd: dir,
        inputs: { tasklist: 'tasks.txt', 'upload-artifacts': 'false' },
        env: { ...RUNNER_SECRETS, TASK_SEES_THIS: 'yes' },
      });
      expect(r.code).toBe(1);
      const wd = join(dir, 'tasks.txt_workdir');
      const log = readFileSync(join(wd, 'logs', 'log_0'), 'utf8');
      // The task's environment is otherwise the step's.
      expect(log).toContain('TASK_SEES_THIS=yes');
      expect(log).toContain(`GITHUB_WORKSPACE=${dir}`);
      expect(log).toContain('PROC_NUMBER=0');
      expect(log).not.toMatch(/^ACTIONS_/m);
      const everything = [
        log,
        readFileSync(join(wd, 'logs', 'log_1'), 'utf8'),
        r.summary,
        r.stdout,
        readFileSync(join(wd, 'report.json'), 'utf8'),
      ].join('\n');
      for (const value of Object.values(RUNNER_SECRETS)) expect(everything).not.toContain(value);
    });
  });
}
