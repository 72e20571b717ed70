/**
 * Task identity, exactly as PyTaskFarmer numbers tasks: a task is a tasklist line that is
 * neither blank nor a comment once trimmed, and its id is its 0-based index among such lines.
 */
/** True if a raw tasklist line is a task (PyTaskFarmer skips blank lines and `#` comments). */
export declare function isTaskLine(trimmed: string): boolean;
/** Calls `fn(line, id)` for each task line of a tasklist's text (trimmed), in order. Returns the count. */
export declare function forEachTask(text: string, fn: (line: string, id: number) => void): number;
/**
 * forEachTask on the bytes of a tasklist, without decoding it: `range(id, start, end)` gets the
 * trimmed line's byte range. A line that starts or ends with a non-ASCII byte (it may end in
 * Unicode whitespace, which trim() removes too) is decoded and trimmed exactly as forEachTask
 * does, and given to `text`. Ids and lines are the same as forEachTask(buf.toString('utf8')):
 * the ranges start and end at ASCII bytes, which are never inside a UTF-8 sequence.
 */
export declare function forEachTaskBytes(buf: Buffer, range: (id: number, start: number, end: number) => void, text: (id: number, line: string) => void): number;
/** The trimmed task lines of a tasklist's text, in order; the array index is the task id. */
export declare function parseTasklist(text: string): string[];
