/**
 * Finds a task's output whatever the log mode it ran with: `logs/log_<id>` (per-task), frames
 * in `logs/worker_*` (per-worker), or both when a workdir was continued in another mode. The
 * one reader for `taskfarmer logs`, status, the report and the Action. Read-only, no lock:
 * safe while farmers run (a frame still being written reads as incomplete).
 */
import { closeSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readRange, withOpenFile } from './files.js';
import { layout, type Layout } from './layout.js';
import { workdirLayout } from './reader.js';
import { HEADER_MAX, isWorkerLogName, parseFrameHeader, perTaskLogPath } from './tasklog.js';

/** One attempt's output, as found on disk. */
export interface TaskOutput {
  id: number;
  /** Null for a per-task log: PyTaskFarmer's format keeps only the latest attempt, unnumbered. */
  attempt: number | null;
  file: string;
  /** When it started (a frame), or last changed (a per-task log): orders outputs across modes. */
  time: number;
  /** Byte ranges [start, end) of the file, in order (a note the farmer added is a later frame). */
  ranges: Array<[number, number]>;
  /** False while the attempt runs, or when its farmer died in the middle of it. */
  complete: boolean;
}

const CHUNK = 1 << 20;
const PREFIX = Buffer.from('### taskfarmer task=');

export class TaskLogs {
  readonly paths: Layout;
  private workerFiles: string[] | undefined;

  constructor(workdir: string) {
    this.paths = layout(workdir);
  }

  /** For a user's command: a UsageError if `workdir` is no workdir. */
  static open(workdir: string): TaskLogs {
    return new TaskLogs(workdirLayout(workdir).dir);
  }

  /**
   * The outputs of each task in `ids`, oldest first: one pass over every per-worker log (or
   * over `files` only, when the caller knows where the task ran), whatever the number of ids.
   */
  find(ids: Iterable<number>, files?: string[]): Map<number, TaskOutput[]> {
    const wanted = new Set(ids);
    const out = new Map<number, TaskOutput[]>();
    for (const id of wanted) out.set(id, []);
    if (wanted.size === 0) return out;
    for (const file of files ?? this.listWorkerFiles()) {
      let last: TaskOutput | undefined;
      scanFrames(file, (h, start, end, complete) => {
        if (!wanted.has(h.id)) return;
        if (last && last.id === h.id && last.attempt === h.attempt && last.file === file) {
          last.ranges.push([start, end]);
          last.complete &&= complete;
          return;
        }
        last = { id: h.id, attempt: h.attempt, file, time: h.start, ranges: [[start, end]], complete };
        out.get(h.id)!.push(last);
      });
    }
    for (const [id, list] of out) {
      const file = perTaskLogPath(this.paths, id);
      const stats = statSync(file, { throwIfNoEntry: false });
      if (stats?.isFile())
        list.push({ id, attempt: null, file, time: stats.mtimeMs, ranges: [[0, stats.size]], complete: true });
      list.sort((a, b) => a.time - b.time || (a.attempt ?? 0) - (b.attempt ?? 0));
    }
    return out;
  }

  /** Every kept output of a task, oldest first. */
  outputs(id: number, files?: string[]): TaskOutput[] {
    return this.find([id], files).get(id)!;
  }

  /** The latest kept output of a task (or of attempt `attempt`), if any. */
  latest(id: number, attempt?: number, files?: string[]): TaskOutput | undefined {
    const list = this.outputs(id, files).filter((output) => attempt === undefined || output.attempt === attempt);
    return list[list.length - 1];
  }

  private listWorkerFiles(): string[] {
    if (!this.workerFiles) {
      let names: string[] = [];
      try {
        names = readdirSync(this.paths.logs).filter(isWorkerLogName).sort();
      } catch {
        // no logs/ yet
      }
      this.workerFiles = names.map((n) => join(this.paths.logs, n));
    }
    return this.workerFiles;
  }
}

/**
 * Attempt `attempt` of task `id` in the file a farm event named (its `log`): a per-worker log
 * is searched for that attempt's frames, a per-task log is the output. Undefined for ''.
 */
export function outputIn(file: string, id: number, attempt: number): TaskOutput | undefined {
  if (!file) return undefined;
  if (!isWorkerLogName(basename(file))) {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats?.isFile()
      ? { id, attempt: null, file, time: stats.mtimeMs, ranges: [[0, stats.size]], complete: true }
      : undefined;
  }
  let found: TaskOutput | undefined;
  scanFrames(file, (h, start, end, complete) => {
    if (h.id !== id || h.attempt !== attempt) return;
    if (found) {
      found.ranges.push([start, end]);
      found.complete &&= complete;
    } else found = { id, attempt, file, time: h.start, ranges: [[start, end]], complete };
  });
  return found;
}

/** The output's bytes (its last `max` bytes when given) and its whole size. */
export function readOutput(output: TaskOutput, max = Infinity): { bytes: Buffer; size: number } {
  const size = output.ranges.reduce((n, [s, e]) => n + e - s, 0);
  let fd: number;
  try {
    fd = openSync(output.file, 'r');
  } catch {
    return { bytes: Buffer.alloc(0), size: 0 };
  }
  try {
    const parts: Buffer[] = [];
    let need = Math.min(max, size);
    for (let i = output.ranges.length - 1; i >= 0 && need > 0; i--) {
      const [s, e] = output.ranges[i];
      const from = Math.max(s, e - need);
      parts.unshift(readRange(fd, from, e));
      need -= e - from;
    }
    return { bytes: Buffer.concat(parts), size };
  } finally {
    closeSync(fd);
  }
}

type FrameFn = (
  h: { id: number; attempt: number; start: number },
  start: number,
  end: number,
  complete: boolean,
) => void;

/**
 * Calls `each` for every frame of a per-worker log, jumping from header to header by the sizes
 * they carry, reading only headers (in chunks), never the output between them. A frame whose
 * size is not filled in (its attempt runs, or its launcher died) ends where the next header
 * starts, or at the end of the file; so do bytes that are no frame at all (a torn header).
 */
function scanFrames(path: string, each: FrameFn): void {
  withOpenFile(path, (fd, size) => {
    let win: Buffer = Buffer.alloc(0);
    let winStart = 0;
    const view = (pos: number, need: number): Buffer => {
      if (pos < winStart || pos + need > winStart + win.length) {
        win = readRange(fd, pos, Math.min(size, pos + Math.max(CHUNK, need)));
        winStart = pos;
      }
      return win.subarray(pos - winStart);
    };
    /** The next header at or after `from`, or `size`. */
    const nextHeader = (from: number): number => {
      for (let pos = from; pos < size;) {
        const b = view(pos, Math.min(CHUNK, size - pos));
        let i = b.indexOf(PREFIX);
        while (i >= 0 && !parseFrameHeader(view(pos + i, HEADER_MAX))) {
          i = view(pos, Math.min(CHUNK, size - pos)).indexOf(PREFIX, i + 1);
        }
        if (i >= 0) return pos + i;
        if (b.length <= PREFIX.length) break;
        pos += b.length - PREFIX.length;
      }
      return size;
    };
    let p = 0;
    while (p < size) {
      const h = parseFrameHeader(view(p, HEADER_MAX));
      if (!h) {
        p = nextHeader(p + 1);
        continue;
      }
      const start = p + h.length;
      if (h.bytes === undefined || start + h.bytes > size) {
        const end = nextHeader(start);
        each(h, start, end, false);
        p = end;
        continue;
      }
      const end = start + h.bytes;
      each(h, start, end, true);
      // The newline the launcher adds after output that lacks one is not part of it.
      p = end < size && view(end, 1)[0] === 0x0a ? end + 1 : end;
    }
  });
}
