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
 * task printed. Control characters other than tab and newline are dropped (progress bars,
 * colour codes), so the text is safe in Markdown, HTML and a terminal.
 */
export function outputTail(o: TaskOutput | undefined, lines = 20, bytes = 4096): LogTail {
  if (!o) return { text: '', truncated: false };
  const { bytes: buf, size } = readOutput(o, bytes);
  let raw = buf.toString('utf8');
  // Cut mid-line: start at the first whole line.
  if (buf.length < size && raw.includes('\n')) raw = raw.slice(raw.indexOf('\n') + 1);
  const all = raw
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .split('\n');
  if (all[all.length - 1] === '') all.pop();
  const kept = all.slice(-lines);
  let text = kept.join('\n');
  if (Buffer.byteLength(text) > bytes) text = Buffer.from(text).subarray(-bytes).toString('utf8');
  return { text, truncated: kept.length < all.length || Buffer.byteLength(raw) < size };
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
