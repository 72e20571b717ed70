import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeRecords, type JournalRecord } from '../../src/workdir/journal.js';
import { Status, TaskState } from '../../src/workdir/state.js';
import { formatTaskLine, idsOfTaskLines, parseTaskLines } from '../../src/workdir/layout.js';

describe('task lines', () => {
  it('round-trips <id> <task> lines', () => {
    const text = formatTaskLine(3, 'echo "a b"') + formatTaskLine(10, 'x');
    expect(parseTaskLines(text, 'f')).toEqual([
      [3, 'echo "a b"'],
      [10, 'x'],
    ]);
    expect(idsOfTaskLines(text + '11 torn')).toEqual([3, 10]);
    expect(() => parseTaskLines('oops\n', 'toprocess')).toThrow(/toprocess:1/);
  });
});

describe('journal', () => {
  it('decodes complete lines only and skips a torn line in the middle', () => {
    const recs: JournalRecord[] = [
      { t: 'claim', id: 1, a: 1, ts: 5 },
      { t: 'done', id: 1, a: 1, s: 5, e: 6, w: 0 },
    ];
    const buf = Buffer.from(encodeRecords(recs) + '{"t":"cla');
    const { records, consumed } = decodeChunk(buf);
    expect(records).toEqual(recs);
    expect(consumed).toBe(buf.length - '{"t":"cla'.length);
    const glued = Buffer.from('{"t":"cla{"t":"hb","ts":1}\n{"t":"hb","ts":2}\n');
    expect(decodeChunk(glued).records).toEqual([{ t: 'hb', ts: 2 }]);
  });
});

describe('task state', () => {
  const base = () => {
    const s = new TaskState();
    for (let i = 0; i < 4; i++) s.addBase(i, `t${i}`);
    return s;
  };

  it('the state does not depend on the order journals are read in', () => {
    // Farmer 0 claimed task 2, farmer 1 took it back (lease) and farmer 2 claimed attempt 2.
    const a: JournalRecord = { t: 'claim', id: 2, a: 1, ts: 0 };
    const b: JournalRecord = { t: 'requeue', id: 2, a: 1, why: 'lease' };
    const c: JournalRecord = { t: 'claim', id: 2, a: 2, ts: 0 };
    const orders: Array<Array<[number, JournalRecord]>> = [
      [
        [0, a],
        [1, b],
        [2, c],
      ],
      [
        [2, c],
        [1, b],
        [0, a],
      ],
      [
        [1, b],
        [0, a],
        [2, c],
      ],
      [
        [2, c],
        [0, a],
        [1, b],
      ],
    ];
    for (const order of orders) {
      const s = base();
      for (const [f, r] of order) s.apply(f, r);
      expect(s.statusOf(2)).toBe(Status.Claimed);
      expect(s.ownerOf(2)).toBe(2);
      expect(s.attemptOf(2)).toBe(2);
    }
  });

  it('done and final failures are terminal; retries return the task to the pool', () => {
    const s = base();
    s.apply(0, { t: 'claim', id: 0, a: 1, ts: 0 });
    s.apply(0, { t: 'fail', id: 0, a: 1, s: 0, e: 1, w: 0, rc: 1, sig: null, to: false, final: false });
    expect(s.statusOf(0)).toBe(Status.Pending);
    expect(s.failsOf(0)).toBe(1);
    expect(s.nextPending()).toBe(0);
    s.apply(0, { t: 'claim', id: 0, a: 2, ts: 0 });
    s.apply(0, { t: 'done', id: 0, a: 2, s: 0, e: 1, w: 0 });
    s.apply(1, { t: 'requeue', id: 0, a: 2, why: 'lease' });
    expect(s.statusOf(0)).toBe(Status.Done);
    expect(s.count).toEqual({ pending: 3, claimed: 0, done: 1, failed: 0 });
  });

  it('keeps base tasks as byte ranges of one buffer and later ones as strings', () => {
    const st = new TaskState();
    const base = Buffer.from('0 échö one\n1 two\n');
    st.setBaseBuffer(base);
    const nl = base.indexOf('\n');
    st.addBaseRange(0, 2, nl); // bytes, not characters: é and ö are two each
    st.addBaseRange(5000, nl + 3, base.length - 1); // grows past the initial capacity
    st.addLate(7, 'late');
    st.addBase(9, 'given');
    expect([st.task(0), st.task(5000), st.task(7), st.task(9), st.task(3)]).toEqual([
      'échö one',
      'two',
      'late',
      'given',
      undefined,
    ]);
    expect(st.size).toBe(5001);
  });
  it('hands out pending tasks in id order, returned ones first', () => {
    const s = base();
    s.apply(0, { t: 'claim', id: 0, a: 1, ts: 0 });
    s.apply(0, { t: 'claim', id: 1, a: 1, ts: 0 });
    s.apply(0, { t: 'requeue', id: 1, a: 1, why: 'stop' });
    const got = [];
    for (let id = s.nextPending(); id >= 0; id = s.nextPending()) {
      got.push(id);
      s.apply(1, { t: 'claim', id, a: s.attemptOf(id) + 1, ts: 0 });
    }
    expect(got).toEqual([1, 2, 3]);
  });
});
