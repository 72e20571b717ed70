import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/workdir/journal.js';
import { Status, TaskState } from '../../src/workdir/state.js';

type Tagged = [farmer: number, record: JournalRecord];

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Folds the base (tasks 0 and 1) and the records in the given order. */
function fold(records: Tagged[]): TaskState {
  const st = new TaskState();
  st.addBase(0, 'exit 1');
  st.addBase(1, 'true');
  for (const [f, r] of records) st.apply(f, r);
  return st;
}

const fail = (id: number, a: number): JournalRecord => ({
  t: 'fail',
  id,
  a,
  s: 0,
  e: 1,
  w: 0,
  rc: 1,
  sig: null,
  to: false,
  final: true,
});

describe('the rerun record (taskfarmer requeue) folds the same in any order', () => {
  it('failed, rerun, claimed again by another farmer: claimed by that farmer, whatever the order', () => {
    const records: Tagged[] = [
      [0, { t: 'claim', id: 0, a: 1, ts: 1 }],
      [0, fail(0, 1)],
      [2, { t: 'rerun', id: 0, a: 1, task: 'exit 1' }],
      [1, { t: 'claim', id: 0, a: 2, ts: 2 }],
    ];
    for (const order of permutations(records)) {
      const st = fold(order);
      expect(st.statusOf(0)).toBe(Status.Claimed);
      expect(st.ownerOf(0)).toBe(1);
      expect(st.attemptOf(0)).toBe(2);
      expect(st.count).toEqual({ pending: 1, claimed: 1, done: 0, failed: 0 });
    }
  });

  it('failed then rerun: pending, its failed attempts forgotten, in any order', () => {
    const records: Tagged[] = [
      [0, { t: 'claim', id: 0, a: 1, ts: 1 }],
      [0, fail(0, 1)],
      [2, { t: 'rerun', id: 0, a: 1, task: 'exit 1' }],
    ];
    for (const order of permutations(records)) {
      const st = fold(order);
      expect(st.statusOf(0)).toBe(Status.Pending);
      expect(st.failsOf(0)).toBe(0);
      expect(st.count.failed).toBe(0);
      expect(st.nextPending()).toBe(0);
    }
  });

  it('a task failed before the last compaction (not in this run) joins again with its command', () => {
    const st = fold([[2, { t: 'rerun', id: 5, a: 0, task: 'echo five' }]]);
    expect(st.statusOf(5)).toBe(Status.Pending);
    expect(st.task(5)).toBe('echo five');
    // A claim of it by a farmer read before the rerun is kept and replayed.
    const early = fold([
      [1, { t: 'claim', id: 5, a: 1, ts: 1 }],
      [2, { t: 'rerun', id: 5, a: 0, task: 'echo five' }],
    ]);
    expect(early.ownerOf(5)).toBe(1);
  });
});
