/**
 * A stop signal while the workdir lock is held by a farmer that does not let go (stalled,
 * suspended, on a hung NFS mount): the farmer must act on it at once, not wait until the lock
 * turns stale (30 s by default, Slurm's KillWait) or forever while its holder keeps it fresh.
 * It records its own stop in its own journal, exits 75, and the next run finishes the list.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, sleep, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { allRecords, checkExactlyOnce } from './helpers.js';

/** Takes the workdir lock as a live farmer would (retrying until free) and keeps it fresh until released. */
async function holdLock(wd: string): Promise<() => void> {
  const lock = join(wd, '.taskfarmer', 'lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await sleep(2);
    }
  }
  const fresh = setInterval(() => {
    const now = new Date();
    utimesSync(lock, now, now);
  }, 300);
  return () => {
    clearInterval(fresh);
    rmSync(lock, { recursive: true, force: true });
  };
}

describe('a stop while another farmer holds the workdir lock', () => {
  it('SIGTERM mid-run: exit 75 without waiting for the lock; the next run finishes every task once', async () => {
    const dir = tempDir('tf-lockwait-');
    const started = join(dir, 'started');
    const tasks = writeTasks(
      dir,
      Array.from({ length: 6 }, () => `echo x >> ${started}; [ -e ${join(dir, 'quick')} ] || sleep 30`),
    );
    const wd = join(dir, 'wd');
    const a = startCli([tasks, '-w', wd, '-n', '2', '-q']);
    await waitFor(() => {
      try {
        return readFileSync(started, 'utf8').split('\n').filter(Boolean).length >= 2;
      } catch {
        return false;
      }
    });
    const release = await holdLock(wd);
    try {
      a.child.kill('SIGTERM');
      const r = await a.done;
      expect(r.code, r.stderr).toBe(75);
      expect(r.stderr).toContain('the workdir lock stayed held by another farmer');
      // Its running tasks went back to the pool in its own journal, and it said bye.
      const mine = allRecords(wd);
      expect(mine.filter((x) => x.t === 'requeue')).toHaveLength(2);
      expect(mine.some((x) => x.t === 'bye')).toBe(true);
    } finally {
      release();
    }
    // The same tasklist runs on, quickly now: the two stopped tasks and the four never started.
    writeFileSync(join(dir, 'quick'), '');
    const again = await runCli([tasks, '-w', wd, '-n', '6', '-q', '--timeout', '50s']);
    expect(again.code, again.stderr).toBe(0);
    expect(checkExactlyOnce(wd, 6)).toBe('');
    expect(ids(join(wd, 'failed'))).toEqual([]);
  }, 120_000);

  it('SIGTERM while waiting for the lock at start: exit 75, nothing written', async () => {
    const dir = tempDir('tf-lockwait-');
    const tasks = writeTasks(dir, ['true']);
    const wd = join(dir, 'wd');
    mkdirSync(join(wd, '.taskfarmer'), { recursive: true });
    const release = await holdLock(wd);
    try {
      const a = startCli([tasks, '-w', wd, '-q']);
      // It made its folders: it validated its input and waits for the lock now.
      await waitFor(() => existsSync(join(wd, '.taskfarmer', 'history')));
      await sleep(300);
      a.child.kill('SIGTERM');
      const r = await a.done;
      expect(r.code, r.stderr).toBe(75);
      expect(allRecords(wd)).toEqual([]);
    } finally {
      release();
    }
  }, 60_000);

  it('SIGUSR2 while waiting for the lock at start: no task runs, exit 75 once the lock is free', async () => {
    const dir = tempDir('tf-lockwait-');
    const tasks = writeTasks(dir, ['true', 'true']);
    const wd = join(dir, 'wd');
    mkdirSync(join(wd, '.taskfarmer'), { recursive: true });
    const release = await holdLock(wd);
    const a = startCli([tasks, '-w', wd]);
    // Before the fix the drain ran a sync on a workdir not open yet: a TypeError, and a farmer
    // that never exited. End the test then (by SIGKILL, after a generous wait) rather than hang it.
    const guard = setTimeout(() => a.child.kill('SIGKILL'), 40_000);
    try {
      await waitFor(() => existsSync(join(wd, '.taskfarmer', 'history')));
      await sleep(300);
      a.child.kill('SIGUSR2');
      await sleep(1_000);
    } finally {
      release();
    }
    const r = await a.done;
    clearTimeout(guard);
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(75);
    expect(r.stderr).not.toMatch(/Error|\n\s+at /);
    expect(ids(join(wd, 'toprocess'))).toEqual([0, 1]);
    expect(ids(join(wd, 'finished'))).toEqual([]);
    const again = await runCli([tasks, '-w', wd, '-q']);
    expect(again.code, again.stderr).toBe(0);
    expect(checkExactlyOnce(wd, 2)).toBe('');
  }, 90_000);
});
