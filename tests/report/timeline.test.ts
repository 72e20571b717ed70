import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTasks } from '../helpers/cli.js';
import { twoFarmers } from './farms.js';

interface TraceEvent {
  name: string;
  ph: string;
  ts?: number;
  dur?: number;
  pid: number;
  tid?: number;
  cat?: string;
  args: Record<string, unknown>;
}

const readTrace = (wd: string) => JSON.parse(readFileSync(join(wd, 'timeline.json'), 'utf8')) as TraceEvent[];

/** What every farmer (pid) in a trace must have: a named process, named worker threads, spans and counters. */
function expectTracks(trace: TraceEvent[], pid: number, workers: number): void {
  const meta = trace.filter((e) => e.ph === 'M' && e.pid === pid);
  expect(meta.find((e) => e.name === 'process_name')?.args.name).toMatch(new RegExp(`^farmer \\S+:${pid}$`));
  const threads = meta.filter((e) => e.name === 'thread_name');
  expect(threads.map((e) => [e.tid, e.args.name])).toEqual(
    Array.from({ length: workers }, (_, w) => [w, `worker ${w}`]),
  );
  const counters = trace.filter((e) => e.ph === 'C' && e.pid === pid);
  expect(counters.length).toBeGreaterThan(0);
  for (const c of counters) {
    expect(c.name).toBe('tasks');
    expect(Object.keys(c.args).sort()).toEqual(['remaining', 'running', 'running in workdir']);
    expect(c.args.running).toBeGreaterThanOrEqual(0);
    expect(c.args['running in workdir']).toBeGreaterThanOrEqual(c.args.running as number);
    expect(c.args.remaining).toBeGreaterThanOrEqual(c.args['running in workdir'] as number);
    expect(Number.isInteger(c.ts)).toBe(true);
  }
}

describe('timeline.json', () => {
  it('is a Chrome trace array with PyTaskFarmer fields, named farmer and worker tracks, and running/remaining counters', async () => {
    const dir = tempDir('tf-timeline-');
    const wd = join(dir, 'wd');
    const tasks = writeTasks(dir, [...Array.from({ length: 9 }, (_, i) => `echo ${i}`), 'exit 4']);
    expect((await runCli([tasks, '-n', '3', '-w', wd])).code).toBe(1);
    const trace = readTrace(wd);
    const spans = trace.filter((e) => e.ph === 'X');
    expect(spans).toHaveLength(10);
    const pid = spans[0].pid;
    for (const e of spans) {
      // PyTaskFarmer's event: name = the task, ts/dur in µs, pid = farmer, tid = worker.
      expect(e).toMatchObject({ pid, name: expect.any(String), ts: expect.any(Number), dur: expect.any(Number) });
      expect([0, 1, 2]).toContain(e.tid);
      expect(Object.keys(e.args).sort()).toEqual(['attempt', 'farmer', 'host', 'id', 'rc', 'signal']);
    }
    expect(spans.find((e) => e.args.id === 9)).toMatchObject({ name: 'exit 4', cat: 'failed', args: { rc: 4 } });
    expectTracks(trace, pid, 3);
    // The last sample: nothing left.
    const counters = trace.filter((e) => e.ph === 'C');
    expect(counters[counters.length - 1].args).toEqual({ running: 0, 'running in workdir': 0, remaining: 0 });
    expect(Math.max(...counters.map((c) => c.args.running as number))).toBeLessThanOrEqual(3);
  });

  it('merges two farmers on one workdir into one valid trace with tracks for each', async () => {
    const dir = tempDir('tf-timeline-');
    const { wd, results } = await twoFarmers(
      dir,
      Array.from({ length: 12 }, (_, i) => `sleep 0.1; echo ${i + 2}`),
      [],
      [2, 3],
    );
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const trace = readTrace(wd);
    const pids = [...new Set(trace.filter((e) => e.ph === 'X').map((e) => e.pid))];
    expect(pids).toHaveLength(2);
    expect(trace.filter((e) => e.ph === 'X')).toHaveLength(14);
    const workers = new Map(pids.map((p) => [p, trace.filter((e) => e.pid === p && e.name === 'thread_name').length]));
    expect([...workers.values()].sort()).toEqual([2, 3]);
    for (const p of pids) expectTracks(trace, p, workers.get(p)!);
    // Task ids across both farmers: each exactly once.
    const taskIds = trace.filter((e) => e.ph === 'X').map((e) => e.args.id as number);
    expect(taskIds.sort((x, y) => x - y)).toEqual(Array.from({ length: 14 }, (_, i) => i));
  });
});
