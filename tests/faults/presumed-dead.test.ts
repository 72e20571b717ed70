import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ids, runCli, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { checkExactlyOnce, lines, range } from './helpers.js';

describe('a farmer presumed dead while it was only stopped', () => {
  it('rejoins after another farmer compacted the workdir, and farms what was added meanwhile', async () => {
    const dir = tempDir('tf-presumed-');
    const executions = join(dir, 'executions');
    const task = `echo $PROC_NUMBER >> ${executions}; sleep 1`;
    const tasklist = writeTasks(
      dir,
      range(4).map(() => task),
    );
    const wd = join(dir, 'wd');
    const args = ['-n', '2', '-w', wd, '-q', '--lease', '2s'];

    // A runs tasks 0 and 1, then stops answering (SIGSTOP: a suspended job, a hung mount).
    const a = startCli([tasklist, ...args]);
    onTestFinished(() => {
      try {
        process.kill(a.child.pid!, 'SIGCONT');
      } catch {
        // already gone
      }
    });
    await waitFor(() => lines(executions).length >= 2, 20_000, 'A to start two tasks');
    process.kill(a.child.pid!, 'SIGSTOP');

    // B waits out A's 2 s lease, takes its tasks back, runs all four, and compacts as it ends.
    const b = await runCli([tasklist, ...args]);
    expect(b.code).toBe(0);
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1, 2, 3]);
    expect(readFileSync(join(wd, 'toprocess'), 'utf8')).toBe('');

    // Work added while A is still stopped; then A wakes up to a workdir it is no longer part of.
    appendFileSync(tasklist, `${task}\n${task}\n`);
    process.kill(a.child.pid!, 'SIGCONT');
    const ra = await a.done;
    expect(ra.stderr).toMatch(/compacted by another farmer while this one was presumed dead.*joining again/);
    expect(ra.code).toBe(0);
    expect(checkExactlyOnce(wd, 6)).toBe('');
    expect(readFileSync(join(wd, 'toprocess'), 'utf8')).toBe('');
  }, 60_000);
});
