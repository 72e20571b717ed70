/**
 * Task identity, exactly as PyTaskFarmer numbers tasks: a task is a tasklist line that is
 * neither blank nor a comment once trimmed, and its id is its 0-based index among such lines.
 */

/** True if a raw tasklist line is a task (PyTaskFarmer skips blank lines and `#` comments). */
export function isTaskLine(trimmed: string): boolean {
  return trimmed.length > 0 && !trimmed.startsWith('#');
}

/** Calls `fn(line, id)` for each task line of a tasklist's text (trimmed), in order. Returns the count. */
export function forEachTask(text: string, fn: (line: string, id: number) => void): number {
  let id = 0;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl).trim();
    if (isTaskLine(line)) fn(line, id++);
    start = nl + 1;
  }
  return id;
}

/**
 * forEachTask on the bytes of a tasklist, without decoding it: `range(id, start, end)` gets the
 * trimmed line's byte range. A line that starts or ends with a non-ASCII byte (it may end in
 * Unicode whitespace, which trim() removes too) is decoded and trimmed exactly as forEachTask
 * does, and given to `text`. Ids and lines are the same as forEachTask(buf.toString('utf8')):
 * the ranges start and end at ASCII bytes, which are never inside a UTF-8 sequence.
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
    let s = start;
    let e = nl;
    while (s < e && isAsciiSpace(buf[s])) s++;
    while (e > s && isAsciiSpace(buf[e - 1])) e--;
    if (s < e && (buf[s] >= 0x80 || buf[e - 1] >= 0x80)) {
      const line = buf.toString('utf8', s, e).trim();
      if (isTaskLine(line)) text(id++, line);
    } else if (s < e && buf[s] !== 0x23 /* # */) range(id++, s, e);
    start = nl + 1;
  }
  return id;
}

/** The ASCII characters String.prototype.trim() removes: tab, LF, VT, FF, CR and space. */
function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** The trimmed task lines of a tasklist's text, in order; the array index is the task id. */
export function parseTasklist(text: string): string[] {
  const tasks: string[] = [];
  forEachTask(text, (line) => tasks.push(line));
  return tasks;
}
