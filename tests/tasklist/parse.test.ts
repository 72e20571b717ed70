import { describe, expect, it } from 'vitest';
import { forEachTaskBytes, parseTasklist, tasklistBytesProblem } from '../../src/tasklist/parse.js';

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
});
