import { basename, dirname } from 'node:path';
import { outputIn, readOutput, type TaskLogs, type TaskOutput } from '../workdir/tasklog-reader.js';
import { isWorkerLogName } from '../workdir/tasklog.js';

export interface LogTail {
  /** The last lines of the log (at most `lines` lines and `bytes` bytes). */
  text: string;
  /** True when the log holds more than `text`. */
  truncated: boolean;
}

/**
 * The end of a task's output, bounded in lines and bytes so a summary stays small whatever the
 * task printed. A line cut by the byte bound is dropped when whole lines follow it, and kept
 * (its end) when it is all there is: a task's last word is often one very long line. A line
 * redrawn with carriage returns (a progress bar) shows its last state. Control characters other
 * than tab and newline are dropped (colour codes), so the text is safe in Markdown, HTML and a
 * terminal.
 */
export function outputTail(o: TaskOutput | undefined, lines = 20, bytes = 4096): LogTail {
  if (!o) return { text: '', truncated: false };
  const { bytes: buf, size } = readOutput(o, bytes);
  if (size === 0) return { text: '', truncated: false };
  const cut = buf.length < size;
  // A cut may split a UTF-8 sequence: its stray bytes decode to U+FFFD at the start.
  let raw = buf.toString('utf8');
  if (cut) raw = raw.replace(/^\uFFFD+/, '');
  let all = raw.replace(/\r\n/g, '\n').split('\n');
  if (all[all.length - 1] === '') all.pop();
  if (cut && all.length > 1 && all.slice(1).some((l) => l.trim() !== '')) all = all.slice(1);
  all = all.map(clean);
  const kept = all.slice(-lines);
  let text = kept.join('\n');
  if (Buffer.byteLength(text) > bytes) text = Buffer.from(text).subarray(-bytes).toString('utf8');
  return { text, truncated: cut || kept.length < all.length };
}

/** A line as a terminal last showed it: after its last carriage return, without escape codes. */
function clean(line: string): string {
  const segments = line.split('\r').filter((s) => s !== '');
  return (segments.at(-1) ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** The tail of the latest kept output of each task in `ids` (one pass over the logs). */
export function latestTails(
  logs: TaskLogs,
  ids: number[],
  lines: number,
  bytes: number,
  files?: string[],
): Map<number, LogTail> {
  const out = new Map<number, LogTail>();
  for (const [id, list] of logs.find(ids, files)) out.set(id, outputTail(list[list.length - 1], lines, bytes));
  return out;
}

/** The tail of one attempt's output, from the file a farm event named (its `log`). */
export function attemptTail(e: { id: number; attempt: number; log: string }, lines: number, bytes: number): LogTail {
  return outputTail(outputIn(e.log, e.id, e.attempt), lines, bytes);
}

/** Where an attempt's whole output is: its log file, and in a worker's log, which part. */
export function logWhere(e: { id: number; attempt: number; log: string }): string {
  if (!e.log) return 'no log kept (logs: none)';
  if (!isWorkerLogName(basename(e.log))) return `log: ${e.log}`;
  return `log: taskfarmer logs ${dirname(dirname(e.log))} ${e.id} --attempt ${e.attempt} (in ${e.log})`;
}
