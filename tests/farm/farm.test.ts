/**
 * The farm driven in-process: a fake launcher (no processes) and fake timers (no waiting), on a
 * real workdir in a temp dir. Hours of task time run in milliseconds, and every decision the
 * farm takes (claim, retry, kill, put back) is seen as it happens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { farm } from '../../src/farm/farm.js';
import type { FarmEvent, FarmOptions, FarmResult } from '../../src/farm/options.js';
import { status } from '../../src/report/status.js';
import { FARMER_SIGNALS } from '../../src/util/signals.js';
import { tempDir, writeTasks } from '../helpers/cli.js';
import { FakeLaunchers, type Behaviour } from './fake-launcher.js';

const realImmediate = globalThis.setImmediate;
const HOUR = 3_600_000;

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs the fake clock, one timer at a time, until `p` settles. */
async function drive<T>(p: Promise<T>): Promise<T> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; !settled; i++) {
    if (i > 1_000_000) throw new Error('the farm did not end');
    await vi.advanceTimersToNextTimerAsync();
    // Let real I/O callbacks (the lock's mtime refresh) run too.
    await new Promise((r) => realImmediate(r));
  }
  return p;
}

interface Setup {
  tasks: string[];
  behave: (task: string, attempt: number) => Behaviour;
  options?: Partial<FarmOptions>;
  /** Called with the farm's events as they happen. */
  onEvent?: (e: FarmEvent, fake: FakeLaunchers) => void;
}

async function runFarm(s: Setup) {
  const dir = tempDir('tf-farm-');
  const tasklist = writeTasks(dir, s.tasks);
  const workdir = join(dir, 'wd');
  const fake = new FakeLaunchers(s.behave);
  const events: FarmEvent[] = [];
  const result: FarmResult = await drive(
    farm({
      tasklist,
      workdir,
      workers: 2,
      launchers: fake.factory,
      ...s.options,
      onEvent: (e) => {
        events.push(e);
        s.onEvent?.(e, fake);
      },
    }),
  );
  const lines = (name: string) => readFileSync(join(workdir, name), 'utf8').split('\n').filter(Boolean);
  return { result, fake, events, workdir, lines };
}

const tasks = (n: number, prefix = 'task') => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);
const ends = (events: FarmEvent[]) => events.filter((e) => e.type === 'task-end');

describe('farm() in-process, with a fake launcher and a fake clock', () => {
  it('runs every task once, never more at a time than it has workers, and closes its launchers', async () => {
    const { result, fake, lines } = await runFarm({
      tasks: tasks(20),
      behave: () => ({ ms: 1_000 }),
      options: { workers: 3 },
    });
    expect(result.exitCode).toBe(0);
    expect(result.finished).toBe(20);
    expect(fake.started.map((s) => s.id).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(fake.maxRunning).toBe(3);
    expect(new Set(fake.started.map((s) => s.slot))).toEqual(new Set([0, 1, 2]));
    expect(lines('finished')).toHaveLength(20);
    expect(lines('toprocess')).toHaveLength(0);
    expect(fake.closed).toBe(3);
  });

  it('claims ahead once tasks prove short, and never for long tasks', async () => {
    const queuedSeen = async (ms: number) => {
      let maxQueued = 0;
      let workdir = '';
      const { result } = await runFarm({
        tasks: tasks(60),
        behave: () => ({ ms }),
        onEvent: (e, fake) => {
          if (e.type === 'started') {
            workdir = e.workdir;
            // At each start, how many tasks this farmer holds beyond its running ones.
            fake.onStart = () => (maxQueued = Math.max(maxQueued, status(workdir).queued));
          }
        },
      });
      expect(result.finished).toBe(60);
      return maxQueued;
    };
    expect(await queuedSeen(5_000)).toBe(0);
    expect(await queuedSeen(5)).toBeGreaterThan(0);
  });

  it('retries a failing task up to --retries times; failed lists only final failures', async () => {
    const { result, fake, lines } = await runFarm({
      tasks: ['flaky', 'broken', 'fine'],
      // flaky fails twice then succeeds; broken always fails.
      behave: (task, attempt) => ({ ms: 100, code: task === 'broken' || (task === 'flaky' && attempt < 3) ? 1 : 0 }),
      options: { retries: 2 },
    });
    const attempts = (task: string) => fake.started.filter((s) => s.task === task).map((s) => s.attempt);
    expect(attempts('flaky')).toEqual([1, 2, 3]);
    expect(attempts('broken')).toEqual([1, 2, 3]);
    expect(attempts('fine')).toEqual([1]);
    expect(result).toMatchObject({ exitCode: 1, finished: 2, failed: 1, ran: { done: 2, failed: 1, retried: 4 } });
    expect(lines('failed')).toEqual(['1 broken']);
  });

  it('--task-timeout sends SIGTERM, then SIGKILL after the grace period to a task that ignores it', async () => {
    const { result, fake, events } = await runFarm({
      tasks: ['polite', 'stubborn', 'quick'],
      behave: (task) => ({ ms: task === 'quick' ? 10 : HOUR, ignoresTerm: task === 'stubborn' }),
      options: { taskTimeout: 60_000, workers: 3 },
    });
    const signals = (task: string) => fake.started.find((s) => s.task === task)!.signals;
    expect(signals('polite')).toEqual(['SIGTERM']);
    expect(signals('stubborn')).toEqual(['SIGTERM', 'SIGKILL']);
    expect(signals('quick')).toEqual([]);
    const timedOut = ends(events).filter((e) => e.type === 'task-end' && e.timedOut);
    expect(timedOut.map((e) => e.type === 'task-end' && e.task).sort()).toEqual(['polite', 'stubborn']);
    expect(result).toMatchObject({ exitCode: 1, finished: 1, failed: 2 });
  });

  it('--timeout stops the farm: running trees get SIGTERM, every unfinished task is back in toprocess, exit 75', async () => {
    const { result, fake, lines } = await runFarm({
      tasks: tasks(10),
      behave: () => ({ ms: HOUR }),
      options: { timeout: 30_000, workers: 4 },
    });
    expect(result).toMatchObject({ exitCode: 75, stopReason: 'timeout', finished: 0, failed: 0, remaining: 10 });
    expect(result.ran.stopped).toBe(4);
    expect(fake.started).toHaveLength(4);
    for (const s of fake.started) expect(s.signals).toEqual(['SIGTERM']);
    expect(lines('toprocess')).toHaveLength(10);
  });

  it('a library caller gets no process signal handlers by default; handleSignals: true adds them for the run only', async () => {
    const counts = () => FARMER_SIGNALS.map((sig) => process.listenerCount(sig));
    const before = counts();
    const during = async (options: Partial<FarmOptions>) => {
      let seen: number[] = [];
      await runFarm({
        tasks: tasks(2),
        behave: () => ({ ms: 1_000 }),
        options,
        onEvent: (e) => {
          if (e.type === 'task-start') seen = counts();
        },
      });
      return seen;
    };
    expect(await during({})).toEqual(before);
    expect(counts()).toEqual(before);
    expect(await during({ handleSignals: true })).toEqual(before.map((n) => n + 1));
    expect(counts()).toEqual(before);
  });

  it('an aborted AbortSignal stops it, even without signal handlers', async () => {
    const ac = new AbortController();
    let starts = 0;
    const { result, fake, lines } = await runFarm({
      tasks: tasks(5),
      behave: () => ({ ms: HOUR }),
      options: { signal: ac.signal },
      onEvent: (e) => {
        if (e.type === 'task-start' && ++starts === 2) setTimeout(() => ac.abort(), 1_000);
      },
    });
    expect(result).toMatchObject({ exitCode: 75, stopReason: 'abort', remaining: 5 });
    expect(fake.started).toHaveLength(2);
    for (const s of fake.started) expect(s.signals).toEqual(['SIGTERM']);
    expect(lines('toprocess')).toHaveLength(5);
  });

  it('an AbortSignal aborted before farm() is called: nothing starts, every task stays to do', async () => {
    const ac = new AbortController();
    ac.abort();
    const { result, fake, lines } = await runFarm({
      tasks: tasks(5),
      behave: () => ({ ms: 10 }),
      options: { signal: ac.signal },
    });
    expect(result).toMatchObject({ exitCode: 75, stopReason: 'abort' });
    expect(fake.started).toHaveLength(0);
    expect(lines('toprocess')).toHaveLength(5);
  });

  it('a second stop signal kills at once a task that ignores SIGTERM', async () => {
    let starts = 0;
    const { result, fake } = await runFarm({
      tasks: tasks(5),
      behave: () => ({ ms: HOUR, ignoresTerm: true }),
      options: { handleSignals: true, killGrace: HOUR },
      onEvent: (e) => {
        if (e.type === 'task-start' && ++starts === 2) setTimeout(() => process.emit('SIGINT'), 1_000);
        if (e.type === 'stopping') setTimeout(() => process.emit('SIGINT'), 1_000);
      },
    });
    expect(result).toMatchObject({ exitCode: 75, stopReason: 'signal:SIGINT', remaining: 5 });
    for (const s of fake.started) expect(s.signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('drain (SIGUSR2): no new tasks, the running ones finish and count, the rest stays in toprocess', async () => {
    let starts = 0;
    const { result, fake, lines } = await runFarm({
      tasks: tasks(6),
      behave: () => ({ ms: 10_000 }),
      options: { handleSignals: true },
      onEvent: (e) => {
        if (e.type === 'task-start' && ++starts === 2) setTimeout(() => process.emit('SIGUSR2'), 1_000);
      },
    });
    expect(result).toMatchObject({ exitCode: 75, stopReason: 'drain', finished: 2, remaining: 4 });
    expect(fake.started).toHaveLength(2);
    for (const s of fake.started) expect(s.signals).toEqual([]);
    expect(lines('finished')).toHaveLength(2);
    expect(lines('toprocess')).toHaveLength(4);
  });
});
