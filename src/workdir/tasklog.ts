/**
 * Where a task's output goes, in each log mode, and the frame format of per-worker logs. The
 * reader is tasklog-reader.ts; together they are the only code that knows these file names.
 *
 * - `per-task` (PyTaskFarmer's format, the default): `logs/log_<id>`, rewritten by each attempt.
 * - `per-worker`: `logs/worker_<farmer>_<slot>`, one file per worker slot of each farmer (never
 *   shared between farmers: appends from two nodes to one file are not atomic). Each attempt
 *   appends one frame: a header line, then the task's bytes exactly as it wrote them.
 * - `none`: /dev/null. Nothing is kept.
 *
 * A frame header is `### taskfarmer task=<id> attempt=<a> start=<ms> bytes=<12 chars> ###\n`.
 * The launcher writes it with `?`s in the `bytes` slot, runs the task with the file as its
 * stdout and stderr, then appends a newline if the output did not end with one (not counted),
 * and only then writes the output's byte count, right-aligned, over the `?`s. A reader jumps
 * from header to header by these counts, so nothing a task prints (binary, fake headers, no
 * final newline) can be mistaken for a frame. A slot still full of `?`s means the attempt is
 * running or its launcher died: that frame runs to the end of the file, and it can only be the
 * file's last frame, since each file has one writer, one attempt at a time.
 */
import { appendNoFollow } from '../util/no-follow.js';
import { join } from 'node:path';
import { FILE_MODE, type Layout } from './layout.js';

export type LogMode = 'per-task' | 'per-worker' | 'none';
export const LOG_MODES: readonly LogMode[] = ['per-task', 'per-worker', 'none'];

/** How the launcher opens the log: truncate (one file per attempt) or append a frame. */
export interface LogTarget {
  path: string;
  append: boolean;
  /** With `append`: the frame header, whose `?` run the launcher fills with the output's size. */
  header: string;
}

export const SLOT_WIDTH = 12;
const PENDING = '?'.repeat(SLOT_WIDTH);
const HEADER_PREFIX = '### taskfarmer task=';
export const HEADER_MAX = 128;
const HEADER_RE = /^### taskfarmer task=(\d+) attempt=(\d+) start=(\d+) bytes=([ 0-9?]{12}) ###\n/;

export function perTaskLogPath(paths: Layout, id: number): string {
  return join(paths.logs, `log_${id}`);
}

export function workerLogPath(paths: Layout, farmer: string, slot: number): string {
  return join(paths.logs, `worker_${farmer}_${slot}`);
}

/** Per-worker log names: `worker_<farmer>_<slot>` (the slot is after the last `_`). */
export function isWorkerLogName(name: string): boolean {
  return /^worker_.+_\d+$/.test(name);
}

/** The file that holds an attempt's output in `mode` (undefined for `none`). */
export function logFileOf(paths: Layout, mode: LogMode, id: number, farmer: string, slot: number): string | undefined {
  if (mode === 'none') return undefined;
  return mode === 'per-task' ? perTaskLogPath(paths, id) : workerLogPath(paths, farmer, slot);
}

/** What the launcher is told for one attempt. */
export function logTarget(
  paths: Layout,
  mode: LogMode,
  id: number,
  attempt: number,
  farmer: string,
  slot: number,
): LogTarget {
  // Append, never truncate: a truncated log is unlinked and created anew (no planted link is
  // written through), and /dev/null must never be unlinked.
  if (mode === 'none') return { path: '/dev/null', append: true, header: '' };
  if (mode === 'per-task') return { path: perTaskLogPath(paths, id), append: false, header: '' };
  return { path: workerLogPath(paths, farmer, slot), append: true, header: frameHeader(id, attempt, Date.now()) };
}

/** A header whose size slot the launcher fills in (`bytes` undefined), or a complete one. */
export function frameHeader(id: number, attempt: number, start: number, bytes?: number): string {
  const slot = bytes === undefined ? PENDING : String(bytes).padStart(SLOT_WIDTH);
  return `${HEADER_PREFIX}${id} attempt=${attempt} start=${start} bytes=${slot} ###\n`;
}

/** A whole frame, for text the farmer itself adds to an attempt's output (a note after it ended). */
export function completeFrame(id: number, attempt: number, start: number, text: string): string {
  const n = Buffer.byteLength(text);
  return frameHeader(id, attempt, start, n) + text + (text.endsWith('\n') || n === 0 ? '' : '\n');
}

export interface FrameHeader {
  id: number;
  attempt: number;
  start: number;
  /** Output bytes; undefined while the slot is unfilled (running, or its writer died). */
  bytes: number | undefined;
  /** Length of the header line. */
  length: number;
}

/** Parses the header at the start of `buf`, or undefined if there is none (or it is torn). */
export function parseFrameHeader(buf: Buffer): FrameHeader | undefined {
  const m = HEADER_RE.exec(buf.toString('latin1', 0, Math.min(buf.length, HEADER_MAX)));
  if (!m) return undefined;
  const slot = m[4].trim();
  return {
    id: Number(m[1]),
    attempt: Number(m[2]),
    start: Number(m[3]),
    bytes: /^\d+$/.test(slot) ? Number(slot) : undefined,
    length: m[0].length,
  };
}

/** Where the next header may start after a lost one: the next line that begins like a header. */
export function nextHeaderCandidate(buf: Buffer, from: number): number {
  const i = buf.indexOf(`\n${HEADER_PREFIX}`, from, 'latin1');
  return i < 0 ? -1 : i + 1;
}

/**
 * Adds text to an attempt's output after it ended (a runner's note), in the mode it ran with:
 * appended to its per-task log, or as one more frame of the same attempt in its worker's log.
 */
export function appendNote(
  paths: Layout,
  mode: LogMode,
  at: { id: number; attempt: number; farmer: string; slot: number; start: number },
  text: string,
): void {
  if (mode === 'none') return;
  if (mode === 'per-task') appendNoFollow(perTaskLogPath(paths, at.id), text, FILE_MODE);
  else
    appendNoFollow(
      workerLogPath(paths, at.farmer, at.slot),
      completeFrame(at.id, at.attempt, at.start, text),
      FILE_MODE,
    );
}
