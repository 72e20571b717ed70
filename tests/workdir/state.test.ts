import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/util/duration.js';
import { forEachTaskBytes, parseTasklist, tasklistBytesProblem } from '../../src/tasklist/parse.js';
import { decodeChunk, encodeRecords, type JournalRecord } from '../../src/workdir/journal.js';
import { Status, TaskState } from '../../src/workdir/state.js';
import { formatTaskLine, idsOfTaskLines, parseTaskLines } from '../../src/workdir/layout.js';
import { UsageError } from '../../src/util/errors.js';

describe('durations', () => {
  it('bare numbers are seconds; units are accepted', () => {
    expect(parseDuration('90', 'x')).toBe(90_000);
    expect(parseDuration('2.5', 'x')).toBe(2_500);
    expect(parseDuration('90s', 'x')).toBe(90_000);
    expect(parseDuration('15m', 'x')).toBe(900_000);
    expect(parseDuration('2h', 'x')).toBe(7_200_000);
    expect(parseDuration('1h30m', 'x')).toBe(5_400_000);
  });
  it.each(['-1', '0', 'abc', '5x', '', '1.2.3', '-5s', '1h 5q'])('rejects %j naming the input', (v) => {
    expect(() => parseDuration(v, '--timeout')).toThrow(UsageError);
    expect(() => parseDuration(v, '--timeout')).toThrow(/^--timeout must be a positive duration/);
  });
});

describe('task identity', () => {
  it('skips blank and # lines, trims, numbers from 0', () => {
    expect(parseTasklist('# c\n  a  \n\n\tb\n \t \nc')).toEqual(['a', 'b', 'c']);
  });
  it('numbers as PyTaskFarmer: # is tested on the raw line, a BOM belongs to line 0, Python strips', () => {
    // An indented "# note" is a task there (so ids after it agree), a "#" after a BOM too.
    expect(parseTasklist('a\n  # note\nb\n')).toEqual(['a', '# note', 'b']);
    expect(parseTasklist('\ufeff# x\nb\n')).toEqual(['\ufeff# x', 'b']);
    expect(parseTasklist('\ufeffecho a\n')).toEqual(['\ufeffecho a']);
    // str.strip() removes the ASCII separators \x1c-\x1f and U+0085; a line of them is blank.
    expect(parseTasklist('\x1c\x1d\n\x1fa\x85\nb\r\n')).toEqual(['a', 'b']);
  });
  it('names the line of a NUL byte or of bytes that are not UTF-8', () => {
    expect(tasklistBytesProblem(Buffer.from('echo a\n# é ok\n'))).toBeUndefined();
    expect(tasklistBytesProblem(Buffer.from('a\nb\nec\0ho\n'))).toMatch(/^line 3 contains a NUL byte/);
    expect(tasklistBytesProblem(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x0a]))).toMatch(/^line 2 is not valid UTF-8/);
    expect(tasklistBytesProblem(Buffer.from([0x61, 0x0a, 0xe2, 0x82]), 10)).toMatch(/^line 11 is not valid UTF-8/);
  });
  it('reading the bytes gives the same ids and lines as reading the decoded text', () => {
    // Byte ranges are decoded only when a task is claimed: they must be what the text gives.
    const text = Buffer.concat([
      Buffer.from('\ufeffecho bom\r\n  # comment\n\t\n\u00a0 nbsp both \u00a0\n'),
      Buffer.from('tab\tinside\x0b\n\u2028\n# x\nécho accent é\nlast\u3000\n'),
      Buffer.from([0x62, 0xff, 0x0a, 0xe2, 0x82, 0x0a, 0x20, 0x23, 0x0a, 0x63, 0xc3, 0xa9, 0x64]), // bad UTF-8, no final newline
    ]);
    const got: string[] = [];
    const n = forEachTaskBytes(
      text,
      (id, start, end) => (got[id] = text.toString('utf8', start, end)),
      (id, line) => (got[id] = line),
    );
    const want = parseTasklist(text.toString('utf8'));
    expect(got).toEqual(want);
    expect(n).toBe(want.length);
    expect(want).toContain('nbsp both');
    expect(want).toContain('tab\tinside');
  });
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
