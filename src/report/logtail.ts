import { readLastBytes } from '../workdir/files.js';

export interface LogTail {
  /** The last lines of the log (at most `lines` lines and `bytes` bytes). */
  text: string;
  /** True when the log holds more than `text`. */
  truncated: boolean;
}

/**
 * The end of a task's log, bounded in lines and bytes so a summary stays small whatever the
 * task printed. A line cut by the byte bound is dropped when whole lines follow it, and kept
 * (its end) when it is all there is: a task's last word is often one very long line. A line
 * redrawn with carriage returns (a progress bar) shows its last state. Control characters other
 * than tab and newline are dropped (colour codes), so the text is safe in Markdown, HTML and a
 * terminal.
 */
export function logTail(path: string, lines = 20, bytes = 4096): LogTail {
  const { buf, size } = readLastBytes(path, bytes);
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
