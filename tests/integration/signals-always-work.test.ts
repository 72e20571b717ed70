import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, startCli, tempDir, writeTasks } from '../helpers/cli.js';

describe('signals always work, and long durations mean what they say', () => {
  it('a FIFO as tasklist is refused at once (exit 2, one line), not an open() that blocks every signal', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'tasks.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = startCli([fifo, '-w', join(dir, 'wd')]);
    // Before the fix the farmer sat in open() until a writer came, deaf to SIGTERM: end the
    // test then (by SIGKILL, after a generous wait) rather than hang it.
    const guard = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
    const r = await run.done;
    clearTimeout(guard);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^taskfarmer: tasklist .*tasks\.fifo is not a regular file/),
    ]);
    expect(existsSync(join(dir, 'wd'))).toBe(false);
  });

  it('--timeout 30d does not stop the farm at once (Node clamps timers over 24.8 days to 1 ms)', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['sleep 0.5', 'sleep 0.5']);
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-n', '1', '-w', wd, '--timeout', '30d']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1]);
  });

  it('--task-timeout 25d does not kill every task at once', async () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['sleep 0.3; echo survived']);
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-w', wd, '--task-timeout', '25d']);
    expect(r.code).toBe(0);
    expect(ids(join(wd, 'finished'))).toEqual([0]);
    expect(readFileSync(join(wd, 'logs', 'log_0'), 'utf8')).toBe('survived\n');
  });
});
