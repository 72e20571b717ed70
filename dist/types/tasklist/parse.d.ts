/** A line stripped as Python's str.strip() does. */
export declare function pyStrip(line: string): string;
/** True if a raw (unstripped) tasklist line is a task. */
export declare function isTaskLine(raw: string): boolean;
/** Calls `fn(line, id)` for each task line of a tasklist's text (stripped), in order. Returns the count. */
export declare function forEachTask(text: string, fn: (line: string, id: number) => void): number;
/**
 * forEachTask on the bytes of a tasklist, without decoding it: `range(id, start, end)` gets the
 * stripped line's byte range. A line that starts or ends with a non-ASCII byte (it may end in
 * Unicode whitespace, or start with a BOM) is decoded and stripped exactly as forEachTask does,
 * and given to `text`. Ids and lines are the same as forEachTask(buf.toString('utf8')) for a
 * valid UTF-8 tasklist: the ranges start and end at ASCII bytes, never inside a sequence.
 */
export declare function forEachTaskBytes(buf: Buffer, range: (id: number, start: number, end: number) => void, text: (id: number, line: string) => void): number;
/** The stripped task lines of a tasklist's text, in order; the array index is the task id. */
export declare function parseTasklist(text: string): string[];
/**
 * Why a tasklist's bytes cannot be run as they are, naming the line (1-based, counted from
 * `firstLine`), or undefined. A NUL byte cannot be passed in an argv (the command was cut at
 * it and still recorded as finished); bytes that are not UTF-8 were replaced with U+FFFD, so
 * a different command ran and was recorded (PyTaskFarmer cannot decode such a file at all).
 */
export declare function tasklistBytesProblem(buf: Buffer, firstLine?: number): string | undefined;
