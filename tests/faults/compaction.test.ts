import { execa, type ResultPromise } from 'execa';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, sleep, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED } from '../helpers/exec.js';
import { checkExactlyOnce, counts, lines, openClaimsOf, range } from './helpers.js';

const TASKS = 200;

/**
 * A farmer rewrites `toprocess` as `toprocess.tmp-<pid>` and renames it over the old one. The
 * temporary file is created O_EXCL (whatever is at its path is removed first), so nothing can
 * be planted there; instead strace holds the farmer at the entry of that openat() for a
 * minute, inside compact(), holding the workdir lock: the kill then lands in the middle of
 * compaction every time. The tracer must go too: until it does, the dead farmer is not reaped.
 */
async function trapCompaction(wd: string, pid: number): Promise<{ strace: ResultPromise }> {
  const tmp = join(wd, `toprocess.tmp-${pid}`);
  const args = ['-qq', '-f', '-p', String(pid), '-o', '/dev/null', '-e', 'trace=openat', '-P', tmp];
  const strace = execa('strace', [...args, '-e', 'inject=openat:delay_enter=60000000'], {
    ...AS_SPAWNED,
    stdio: 'ignore',
  });
  // Armed only once attached (the kernel names the tracer).
  const tracer = () => {
    try {
      return /^TracerPid:\s*[1-9]/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  };
  await waitFor(tracer, 20_000, 'strace to attach to the farmer');
  // Wrapped: the subprocess is itself a promise, which `await` would wait out.
  return { strace };
}

/**
 * The compaction is under way: the farmer holds the lock and sits in ptrace_stop, held by
 * strace at the openat() of the temporary file. Every openat stops for a moment while traced:
 * only a stop that lasts a second while the lock exists is the trap.
 */
async function waitInCompaction(pid: number, lock: string): Promise<void> {
  const wchan = () => {
    try {
      return readFileSync(`/proc/${pid}/wchan`, 'utf8');
    } catch {
      return '';
    }
  };
  let stoppedSince = 0;
  await waitFor(
    () => {
      if (!existsSync(lock) || !/ptrace_stop/.test(wchan())) {
        stoppedSince = 0;
        return false;
      }
      stoppedSince ||= Date.now();
      return Date.now() - stoppedSince > 1_000;
    },
    20_000,
    'the farmer to block in compaction',
  );
}

function setup(dir: string): { tasklist: string; wd: string; executions: string } {
  const executions = join(dir, 'executions');
  const tasklist = writeTasks(
    dir,
    range(TASKS).map(() => `echo $PROC_NUMBER >> ${executions}; sleep 0.01`),
  );
  return { tasklist, wd: join(dir, 'wd'), executions };
}

describe('SIGKILL during compaction', () => {
  it('at a graceful stop: the next start takes over the stale lock and finishes every task once', async () => {
    const dir = tempDir('tf-compact-');
    const { tasklist, wd, executions } = setup(dir);
    const lock = join(wd, '.taskfarmer', 'lock');
    const farmer = startCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q']);
    const pid = farmer.child.pid!;
    await waitFor(() => lines(join(wd, 'finished')).length >= 20, 20_000, '20 finished tasks');
    const { strace } = await trapCompaction(wd, pid);
    // SIGTERM: running tasks go back, then the farmer compacts the workdir on its way out.
    farmer.child.kill('SIGTERM');
    await waitInCompaction(pid, lock);
    farmer.child.kill('SIGKILL');
    strace.kill('SIGKILL');
    expect((await farmer.done).signal).toBe('SIGKILL');

    // Left behind: the lock, the journal (not moved to history), the old toprocess.
    expect(existsSync(lock)).toBe(true);
    expect(readdirSync(join(wd, '.taskfarmer', 'journal')).length).toBe(1);
    expect(lines(join(wd, 'toprocess')).length).toBe(TASKS);
    const held = openClaimsOf(wd, pid);
    expect(held.size).toBe(0); // it said bye after putting its tasks back

    // While the lock is fresh, a farmer that calls it stale only after 60 s waits for it…
    const patient = startCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '60s', '-q']);
    await sleep(1_000);
    expect(lines(join(wd, 'finished')).length).toBeLessThan(TASKS);
    expect(readdirSync(join(wd, '.taskfarmer', 'journal')).length).toBe(1);
    patient.child.kill('SIGKILL');
    await patient.done;

    // …and one with --lock-stale 2s takes it over once its mtime is 2 s old, then finishes.
    const r = await runCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q']);
    expect(r.code).toBe(0);
    expect(checkExactlyOnce(wd, TASKS)).toBe('');
    // Tasks the farmer had stopped ran again, once more; none ran three times.
    expect([...counts(executions).values()].every((c) => c <= 2)).toBe(true);
    expect(existsSync(lock)).toBe(false);
    expect(statSync(join(wd, 'toprocess')).size).toBe(0);
  });

  it('at start-up: the next start recovers what the killed farmers left', async () => {
    const dir = tempDir('tf-compact-');
    const { tasklist, wd } = setup(dir);
    // A farmer killed mid-run leaves its journal; the next one compacts it at start…
    const first = startCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q'], { detached: true });
    await waitFor(() => lines(join(wd, 'finished')).length >= 20, 20_000, '20 finished tasks');
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.done;

    // …and is killed in the middle of it.
    const second = startCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q']);
    const { strace } = await trapCompaction(wd, second.child.pid!);
    await waitInCompaction(second.child.pid!, join(wd, '.taskfarmer', 'lock'));
    second.child.kill('SIGKILL');
    strace.kill('SIGKILL');
    await second.done;

    const r = await runCli([tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q']);
    expect(r.code).toBe(0);
    expect(checkExactlyOnce(wd, TASKS)).toBe('');
  });
});
