import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../util/errors.js';

/**
 * Every file name of the on-disk protocol, in one place. PyTaskFarmer's files sit at the top
 * of the workdir; our extra state lives in the hidden `.taskfarmer/` folder, which PyTaskFarmer
 * never reads.
 */
export interface Layout {
  dir: string;
  toprocess: string;
  finished: string;
  failed: string;
  timeline: string;
  logs: string;
  state: string;
  meta: string;
  lock: string;
  journals: string;
  history: string;
  /** `carry` records: what the last compaction kept of the tasks left (see journal.ts). */
  carry: string;
}

export function layout(dir: string): Layout {
  const state = join(dir, '.taskfarmer');
  return {
    dir,
    toprocess: join(dir, 'toprocess'),
    finished: join(dir, 'finished'),
    failed: join(dir, 'failed'),
    timeline: join(dir, 'timeline.json'),
    logs: join(dir, 'logs'),
    state,
    meta: join(state, 'meta.json'),
    lock: join(state, 'lock'),
    journals: join(state, 'journal'),
    history: join(state, 'history'),
    carry: join(state, 'carry.jsonl'),
  };
}

export function journalPath(paths: Layout, farmerId: string): string {
  return join(paths.journals, `${farmerId}.jsonl`);
}

/** A journal file and the farmer that wrote it; `active` while in `journal/`, not yet in `history/`. */
export interface JournalFile {
  farmer: string;
  path: string;
  active: boolean;
}

/**
 * Every journal of the workdir, oldest first: history (`<stamp>-<farmer>.jsonl`, in stamp
 * order), then the active journals. Reports fold them for per-task history.
 */
export function listJournals(paths: Layout): JournalFile[] {
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir)
        .filter((n) => n.endsWith('.jsonl'))
        .sort();
    } catch {
      return [];
    }
  };
  const out: JournalFile[] = [];
  for (const name of list(paths.history)) {
    const m = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-(.+)\.jsonl$/.exec(name);
    out.push({ farmer: m ? m[1] : name.slice(0, -6), path: join(paths.history, name), active: false });
  }
  for (const name of list(paths.journals))
    out.push({ farmer: name.slice(0, -6), path: join(paths.journals, name), active: true });
  return out;
}

/** Files we create are never writable by other users, whatever the umask. */
export const FILE_MODE = 0o644;
export const DIR_MODE = 0o755;

/** `<id> <task>` lines, as PyTaskFarmer writes toprocess, finished and failed. */
export function formatTaskLine(id: number, task: string): string {
  return `${id} ${task}\n`;
}

/**
 * Calls `fn` for each `<id> <task>` line of a file's bytes; a line that does not start with an
 * id is reported by number. Works on the Buffer so that each task is its own small string (no
 * slice of a huge parent string kept alive), and without `fn` it only validates, allocating
 * nothing: this matters with a million tasks.
 */
export function forEachTaskLine(
  buf: Buffer,
  file: string,
  fn?: (id: number, task: string) => void,
  opts: { lenient?: boolean } = {},
): void {
  forEachTaskLineRange(buf, file, fn && ((id, start, end) => fn(id, buf.toString('utf8', start, end))), opts);
}

/** forEachTaskLine, giving the byte range [start, end) of each task instead of decoding it. */
export function forEachTaskLineRange(
  buf: Buffer,
  file: string,
  fn?: (id: number, start: number, end: number) => void,
  opts: { lenient?: boolean } = {},
): void {
  let start = 0;
  for (let n = 1; start < buf.length; n++) {
    let nl = buf.indexOf(0x0a, start);
    // Lenient readers (reports on a running farm) skip a last line still being written.
    if (nl < 0 && opts.lenient) break;
    if (nl < 0) nl = buf.length;
    if (nl > start) {
      let i = start;
      let id = 0;
      while (i < nl && buf[i] >= 0x30 && buf[i] <= 0x39) id = id * 10 + (buf[i++] - 0x30);
      const bad = i === start || (i < nl && buf[i] !== 0x20);
      if (bad && opts.lenient) {
        start = nl + 1;
        continue;
      }
      if (bad) {
        throw new UsageError(
          `${file}:${n}: expected "<id> <task>", got "${buf.toString('utf8', start, Math.min(nl, start + 60))}"`,
        );
      }
      fn?.(id, Math.min(i + 1, nl), nl);
    }
    start = nl + 1;
  }
}

/** Parses `<id> <task>` lines into pairs (for small files and tests). */
export function parseTaskLines(text: string, file: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  forEachTaskLine(Buffer.from(text), file, (id, task) => out.push([id, task]));
  return out;
}

/** The ids in a finished/failed file (a torn last line without its newline is skipped). */
export function idsOfTaskLines(text: string): number[] {
  const ids: number[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    const space = text.indexOf(' ', start);
    const end = space >= 0 && space < nl ? space : nl;
    const id = Number(text.slice(start, end));
    if (end > start && Number.isInteger(id)) ids.push(id);
    start = nl + 1;
  }
  return ids;
}
