import { readTail } from '../workdir/files.js';
import { statSync } from 'node:fs';

export interface LogTail {
  /** The last lines of the log (at most `lines` lines and `bytes` bytes). */
  text: string;
  /** True when the log holds more than `text`. */
  truncated: boolean;
}

/**
 * The end of a task's log, bounded in lines and bytes so a summary stays small whatever the
 * task printed. Control characters other than tab and newline are dropped (progress bars,
 * colour codes), so the text is safe in Markdown, HTML and a terminal.
 */
export function logTail(path: string, lines = 20, bytes = 4096): LogTail {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    return { text: '', truncated: false };
  }
  const raw = readTail(path, bytes);
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
