import { isUtf8 } from 'node:buffer';

/**
 * Task identity, exactly as PyTaskFarmer numbers tasks. It reads the tasklist line by line,
 * skips a line that starts with `#` — tested on the raw line, so an indented `  # note` is a
 * task — or that is empty once stripped, and runs the rest stripped. A task's id is its 0-based
 * index among such lines. Python's str.strip() is not JavaScript's trim(): it also strips the
 * ASCII separators \x1c-\x1f and U+0085, and it keeps U+FEFF, so a UTF-8 BOM is part of line 0
 * (a `#` after a BOM does not make a comment).
 */

/** Python's whitespace (str.isspace), which str.strip() removes from both ends. */
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

/** A line stripped as Python's str.strip() does. */
export function pyStrip(line: string): string {
  return line.replace(PY_STRIP, '');
}

/** True if a raw (unstripped) tasklist line is a task. */
export function isTaskLine(raw: string): boolean {
  return !raw.startsWith('#') && pyStrip(raw).length > 0;
}

/** Calls `fn(line, id)` for each task line of a tasklist's text (stripped), in order. Returns the count. */
export function forEachTask(text: string, fn: (line: string, id: number) => void): number {
  let id = 0;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const raw = text.slice(start, nl);
    if (isTaskLine(raw)) fn(pyStrip(raw), id++);
    start = nl + 1;
  }
  return id;
}

/**
 * forEachTask on the bytes of a tasklist, without decoding it: `range(id, start, end)` gets the
 * stripped line's byte range. A line that starts or ends with a non-ASCII byte (it may end in
 * Unicode whitespace, or start with a BOM) is decoded and stripped exactly as forEachTask does,
 * and given to `text`. Ids and lines are the same as forEachTask(buf.toString('utf8')) for a
 * valid UTF-8 tasklist: the ranges start and end at ASCII bytes, never inside a sequence.
 */
export function forEachTaskBytes(
  buf: Buffer,
  range: (id: number, start: number, end: number) => void,
  text: (id: number, line: string) => void,
): number {
  let id = 0;
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(0x0a, start);
    if (nl < 0) nl = buf.length;
    if (buf[start] !== 0x23 /* # */) {
      let s = start;
      let e = nl;
      while (s < e && isAsciiSpace(buf[s])) s++;
      while (e > s && isAsciiSpace(buf[e - 1])) e--;
      if (s < e && (buf[s] >= 0x80 || buf[e - 1] >= 0x80)) {
        const line = pyStrip(buf.toString('utf8', s, e));
        if (line.length > 0) text(id++, line);
      } else if (s < e) range(id++, s, e);
    }
    start = nl + 1;
  }
  return id;
}

/** The ASCII characters Python's str.strip() removes: tab, LF, VT, FF, CR, \x1c-\x1f and space. */
function isAsciiSpace(b: number): boolean {
  return (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x20);
}

/** The stripped task lines of a tasklist's text, in order; the array index is the task id. */
export function parseTasklist(text: string): string[] {
  const tasks: string[] = [];
  forEachTask(text, (line) => tasks.push(line));
  return tasks;
}

/**
 * Why a tasklist's bytes cannot be run as they are, naming the line (1-based, counted from
 * `firstLine`), or undefined. A NUL byte cannot be passed in an argv (the command was cut at
 * it and still recorded as finished); bytes that are not UTF-8 were replaced with U+FFFD, so
 * a different command ran and was recorded (PyTaskFarmer cannot decode such a file at all).
 */
export function tasklistBytesProblem(buf: Buffer, firstLine = 1): string | undefined {
  const nul = buf.indexOf(0);
  const bad = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  if (nul < 0 && bad < 0) return undefined;
  const at = nul >= 0 && (bad < 0 || nul < bad) ? nul : bad;
  let line = firstLine;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < at; i = buf.indexOf(0x0a, i + 1)) line++;
  return at === nul
    ? `line ${line} contains a NUL byte, which no command can hold`
    : `line ${line} is not valid UTF-8 (its bytes would not reach the shell unchanged); convert the file, e.g. with iconv`;
}

/** Offset of the first line that is not valid UTF-8 (the whole buffer is known to be invalid). */
function firstInvalidUtf8(buf: Buffer): number {
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(0x0a, start);
    if (nl < 0) nl = buf.length;
    if (!isUtf8(buf.subarray(start, nl))) return start;
    start = nl + 1;
  }
  return 0;
}
