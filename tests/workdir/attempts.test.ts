import { describe, expect, it } from 'vitest';
import { Attempts, type EndContext } from '../../src/workdir/attempts.js';
import { TaskState } from '../../src/workdir/state.js';
import type { Completion } from '../../src/workdir/workdir-types.js';

/** Tasks 0..n-1, each claimed (attempt 1) by farmer 0 (us) except those given to farmer 1. */
function claimed(n: number, others: number[] = []): TaskState {
  const state = new TaskState();
  for (let id = 0; id < n; id++) state.addBase(id, `task ${id}`);
  for (let id = 0; id < n; id++) state.apply(others.includes(id) ? 1 : 0, { t: 'claim', id, a: 1, ts: 0 });
  return state;
}

const ended = (id: number, ok: boolean): Completion => ({
  id,
  attempt: 1,
  ok,
  rc: ok ? 0 : 3,
  signal: null,
  timedOut: false,
  start: 1000,
  end: 1500,
  slot: 0,
  task: `task ${id}`,
});

const context = (state: TaskState, over: Partial<EndContext> = {}): EndContext => ({
  state,
  me: 0,
  farmerId: 'us',
  retries: 0,
  lineWritten: () => false,
  ...over,
});

describe('what ended attempts become', () => {
  it('done and final failures get a record, a line and a span; a failure with retries left gets no line', () => {
    const state = claimed(3);
    state.apply(0, { t: 'fail', id: 2, a: 0, s: 0, e: 0, w: 0, rc: 1, sig: null, to: false, final: false });
    const out = new Attempts().end(
      [ended(0, true), ended(1, false), ended(2, false)],
      [],
      context(state, { retries: 1 }),
    );
    expect(out.outcomes).toEqual(['done', 'retry', 'failed']);
    expect(out.records.map((r) => r.t)).toEqual(['done', 'fail', 'fail']);
    expect(out.records[1]).toMatchObject({ id: 1, a: 1, rc: 3, final: false });
    expect(out.finished).toBe('0 task 0\n');
    expect(out.failed).toBe('2 task 2\n');
    expect([...out.lineIds]).toEqual([0, 1, 2]);
    expect(out.events.map((e) => JSON.parse(e) as { cat: string; dur: number })).toMatchObject([
      { cat: 'done', dur: 500_000 },
      { cat: 'retry' },
      { cat: 'failed' },
    ]);
  });

  it('an attempt whose claim is not ours any more is fenced: no record, no line', () => {
    const state = claimed(2, [1]);
    const out = new Attempts().end([ended(1, true)], [], context(state));
    expect(out).toMatchObject({ outcomes: ['fenced'], records: [], finished: '', events: [] });
  });

  it('a line already written is not written again, but the record is', () => {
    const state = claimed(1);
    const out = new Attempts().end([ended(0, true)], [], context(state, { lineWritten: () => true }));
    expect(out).toMatchObject({ outcomes: ['done'], finished: '' });
    expect(out.records).toHaveLength(1);
    expect(out.lineIds.size).toBe(0);
  });

  it('an outcome remembered from a section that lost the lock is reported once, not recorded again', () => {
    const state = claimed(1);
    const attempts = new Attempts();
    attempts.remember([ended(0, true)], ['done']);
    const again = attempts.end([ended(0, true)], [], context(state));
    expect(again).toMatchObject({ outcomes: ['done'], records: [], finished: '' });
    attempts.settled();
    expect(attempts.end([ended(0, true)], [], context(state)).records).toHaveLength(1);
  });

  it('a stopped attempt still ours goes back to the pool; one taken from us does not', () => {
    const state = claimed(2, [1]);
    const attempts = new Attempts();
    attempts.handOut([
      { id: 0, attempt: 1, task: 'task 0' },
      { id: 1, attempt: 1, task: 'task 1' },
    ]);
    const stopped = [
      { id: 0, attempt: 1 },
      { id: 1, attempt: 1 },
    ];
    const out = attempts.end([], stopped, context(state));
    expect(out.records).toEqual([{ t: 'requeue', id: 0, a: 1, why: 'stop' }]);
    expect(attempts.holds(0, 1) || attempts.holds(1, 1)).toBe(false);
  });
});
