import { existsSync, readFileSync } from 'node:fs';
import { readRange, withOpenFile } from '../workdir/files.js';
import { decodeChunk, type JournalRecord } from '../workdir/journal.js';
import { forEachTaskLine, listJournals, type Layout } from '../workdir/layout.js';
import { readerFor } from '../workdir/reader.js';
import { Status } from '../workdir/state.js';

export type TaskOutcome = 'finished' | 'failed' | 'running' | 'pending';

/** What the journals say about one farmer, over the workdir's whole history. */
export interface FarmerFold {
  id: string;
  host: string;
  pid: number;
  workers: number;
  /** Its hello (ms since the epoch), or its first timed record when the hello was not kept. */
  start: number | null;
  /** Its bye, else its last timestamped record. */
  end: number | null;
  bye: boolean;
  /** Attempts it ran to an end (done or failed). */
  attempts: number;
  busyMs: number;
  /** Where its tasks' output went (its hello says; per-task when it does not). */
  logs: 'per-task' | 'per-worker' | 'none';
}

/** The last attempt of a task that the journals know, and how many attempts were started. */
export interface TaskFold {
  attempts: number;
  retried: number;
  s: number;
  e: number;
  w: number;
  rc: number | null;
  sig: string | null;
  to: boolean;
  /** Index into `farmers` of the farmer that ran the last timed attempt (or claimed it last), -1 if none. */
  farmer: number;
  /** When and by whom (index into `farmers`) it was last claimed. */
  claimTs: number;
  claimFarmer: number;
}

/** Every timed attempt, as parallel arrays (kind 0 done, 1 failed, 2 failed and retried). */
export interface Spans {
  task: number[];
  farmer: number[];
  worker: number[];
  start: number[];
  end: number[];
  kind: number[];
}

export interface Folded {
  paths: Layout;
  /** Indexed by task id; holes for ids not in the workdir. */
  text: string[];
  outcome: Array<TaskOutcome | undefined>;
  task: Array<TaskFold | undefined>;
  farmers: FarmerFold[];
  spans: Spans;
}

const CHUNK = 4 << 20;

/**
 * Folds a workdir read-only and lock-free: `finished`, `failed` and `toprocess` for each task's
 * text and outcome, and every journal (history, then active) for attempts, timing, exit codes
 * and farmers. One pass over each file, in bounded chunks: O(tasks + records).
 */
export function foldWorkdir(workdir: string): Folded {
  const reader = readerFor(workdir);
  const paths = reader.paths;
  const farmers: FarmerFold[] = [];
  const byId = new Map<string, number>();
  const task: Array<TaskFold | undefined> = [];
  const spans: Spans = { task: [], farmer: [], worker: [], start: [], end: [], kind: [] };

  const farmerIndex = (id: string): number => {
    let i = byId.get(id);
    if (i === undefined) {
      i = farmers.length;
      byId.set(id, i);
      farmers.push({
        id,
        host: '',
        pid: 0,
        workers: 0,
        start: null,
        end: null,
        bye: false,
        attempts: 0,
        busyMs: 0,
        logs: 'per-task',
      });
    }
    return i;
  };
  const acc = (id: number): TaskFold => {
    let t = task[id];
    if (!t) {
      t = {
        attempts: 0,
        retried: 0,
        s: 0,
        e: 0,
        w: -1,
        rc: null,
        sig: null,
        to: false,
        farmer: -1,
        claimTs: 0,
        claimFarmer: -1,
      };
      task[id] = t;
    }
    return t;
  };

  for (const j of listJournals(paths)) {
    const fi = farmerIndex(j.farmer);
    const f = farmers[fi];
    const live = j.active ? reader.farmer(j.farmer) : undefined;
    const seen = (ts: number) => {
      if (!(ts > 0)) return;
      if (f.start === null || ts < f.start) f.start = ts;
      if (!f.bye && (f.end === null || ts > f.end)) f.end = ts;
    };
    readRecords(j.path, (records) => {
      if (live) reader.apply(live, records);
      for (const r of records) {
        switch (r.t) {
          case 'hello':
            Object.assign(f, { host: r.host, pid: r.pid, workers: r.workers, logs: r.logs ?? 'per-task' });
            f.start = f.start === null ? r.ts : Math.min(f.start, r.ts);
            seen(r.ts);
            break;
          case 'hb':
            seen(r.ts);
            break;
          case 'bye':
            seen(r.ts);
            f.end = r.ts;
            f.bye = true;
            break;
          case 'claim': {
            const t = acc(r.id);
            t.attempts++;
            t.claimTs = r.ts;
            t.claimFarmer = fi;
            if (t.e === 0) t.farmer = fi;
            seen(r.ts);
            break;
          }
          case 'done':
          case 'fail': {
            const t = acc(r.id);
            // s = e = 0: a record written for a dead farmer's task found in finished/failed; it carries no timing.
            if (r.e === 0) break;
            const kind = r.t === 'done' ? 0 : r.final ? 1 : 2;
            if (kind === 2) t.retried++;
            if (r.e >= t.e) {
              Object.assign(t, { s: r.s, e: r.e, w: r.w, farmer: fi });
              t.rc = r.t === 'done' ? 0 : r.rc;
              t.sig = r.t === 'done' ? null : r.sig;
              t.to = r.t === 'done' ? false : r.to;
            }
            f.attempts++;
            f.busyMs += Math.max(0, r.e - r.s);
            seen(r.e);
            spans.task.push(r.id);
            spans.farmer.push(fi);
            spans.worker.push(r.w);
            spans.start.push(r.s);
            spans.end.push(r.e);
            spans.kind.push(kind);
            break;
          }
          default:
            break;
        }
      }
    });
  }

  const text: string[] = [];
  const outcome: Array<TaskOutcome | undefined> = [];
  const st = reader.state;
  for (let id = 0; id < st.size; id++) {
    const s = st.statusOf(id);
    if (s === Status.Absent) continue;
    text[id] = st.task(id)!;
    outcome[id] =
      s === Status.Claimed ? 'running' : s === Status.Done ? 'finished' : s === Status.Failed ? 'failed' : 'pending';
  }
  // The files are read after the journals: a task that ended in between counts as ended.
  for (const [file, o] of [
    [paths.failed, 'failed'],
    [paths.finished, 'finished'],
  ] as const) {
    if (!existsSync(file)) continue;
    forEachTaskLine(
      readFileSync(file),
      file,
      (id, t) => {
        text[id] = t;
        outcome[id] = o;
      },
      { lenient: true },
    );
  }
  return { paths, text, outcome, task, farmers, spans };
}

/** Decodes a journal in bounded chunks; a torn last line is ignored. */
function readRecords(path: string, each: (records: JournalRecord[]) => void): void {
  withOpenFile(path, (fd, size) => {
    let pos = 0;
    while (pos < size) {
      const chunk = readRange(fd, pos, Math.min(size, pos + CHUNK));
      const { records, consumed } = decodeChunk(chunk);
      if (consumed === 0) {
        // A line longer than a chunk (a huge added task): read up to its end at once.
        const rest = readRange(fd, pos, size);
        const r = decodeChunk(rest);
        each(r.records);
        break;
      }
      each(records);
      pos += consumed;
    }
  });
}
