import { basename, relative } from 'node:path';
import { TaskLogs } from '../workdir/tasklog-reader.js';
import { isWorkerLogName, logFileOf } from '../workdir/tasklog.js';
import { foldWorkdir, type Folded, type Spans, type TaskOutcome } from './fold.js';
import { detectFilesystem, type FsInfo } from '../workdir/fstype.js';
import { latestTails } from './logtail.js';

export type { TaskOutcome, Spans } from './fold.js';

/** One task: its outcome and its last attempt (or, while running, its current claim). */
export interface ReportTask {
  id: number;
  task: string;
  outcome: TaskOutcome;
  /** Attempts started over the workdir's history (stopped and retried ones included). */
  attempts: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** ms since the epoch; for a running task, when it was claimed. */
  start: number | null;
  end: number | null;
  durationMs: number | null;
  host: string | null;
  farmer: string | null;
  worker: number | null;
  /**
   * The file that holds its last attempt's output, relative to the workdir: its own log, or its
   * worker's (per-worker logs; `taskfarmer logs WORKDIR ID` prints its part). Null when the
   * output was discarded (logs none), or not known yet (a running task's worker).
   */
  log: string | null;
}

export interface ReportFailure extends ReportTask {
  logTail: string;
  logTailTruncated: boolean;
}

export interface ReportFarmer {
  id: string;
  host: string;
  pid: number;
  workers: number;
  start: number | null;
  end: number | null;
  /** It said goodbye (stopped gracefully). */
  ended: boolean;
  /** Attempts it ran to an end. */
  attempts: number;
  /** Sum of its attempts' durations. */
  busyMs: number;
  /** Where its tasks' output went. */
  logs: 'per-task' | 'per-worker' | 'none';
}

export interface DurationStats {
  /** Tasks with a known duration (finished or failed, last attempt). */
  count: number;
  totalMs: number;
  minMs: number | null;
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Busy workers averaged over equal time buckets across the wall span. */
export interface Utilization {
  bucketMs: number;
  /** Start of the first bucket (ms since the epoch). */
  start: number;
  busy: number[];
  /** Worker slots of the farmers alive in each bucket. */
  capacity: number[];
}

/** The summary of a workdir; its JSON form is described by schemas/report.schema.json. */
export interface Report {
  version: 1;
  generated: string;
  workdir: string;
  /** The workdir's filesystem as the report's reader sees it. */
  filesystem: FsInfo;
  counts: {
    total: number;
    finished: number;
    failed: number;
    toProcess: number;
    running: number;
    /** Failed attempts that were run again. */
    retried: number;
  };
  wall: { start: number | null; end: number | null; durationMs: number | null };
  durations: DurationStats;
  utilization: Utilization | null;
  farmers: ReportFarmer[];
  /** Every task, by id (empty when built with `tasks: false`). */
  tasks: ReportTask[];
  /** The longest finished or failed tasks, longest first. */
  slowest: ReportTask[];
  /** Failed tasks by id with the tail of their logs, at most `maxFailures`. */
  failures: ReportFailure[];
  /** Failed tasks left out of `failures`. */
  failuresOmitted: number;
}

export interface ReportOptions {
  /** Include the per-task list (default true). */
  tasks?: boolean;
  /** How many slowest tasks to list (default 10). */
  slowest?: number;
  /** How many failures get a log tail (default 50). */
  maxFailures?: number;
  tailLines?: number;
  tailBytes?: number;
  /** Buckets of the utilization series (default 120). */
  buckets?: number;
}

/** Builds the report of a workdir, read-only and lock-free (safe while farmers run). */
export function buildReport(workdir: string, opts: ReportOptions = {}): Report {
  return collectReport(workdir, opts).report;
}

/** The report and every timed attempt (for the HTML Gantt chart). */
export function collectReport(
  workdir: string,
  opts: ReportOptions = {},
): { report: Report; spans: Spans; fold: Folded } {
  const fold = foldWorkdir(workdir);
  const { paths, outcome, farmers } = fold;
  const withTasks = opts.tasks ?? true;
  const maxFailures = opts.maxFailures ?? 50;
  const counts = { total: 0, finished: 0, failed: 0, toProcess: 0, running: 0, retried: 0 };
  const tasks: ReportTask[] = [];
  const failures: ReportFailure[] = [];
  const durations: number[] = [];
  const slowest: ReportTask[] = [];
  const nSlowest = opts.slowest ?? 10;
  let wallStart = Infinity;
  let wallEnd = -Infinity;

  for (let id = 0; id < outcome.length; id++) {
    const o = outcome[id];
    if (o === undefined) continue;
    const rt = taskOf(fold, id, o);
    counts.total++;
    if (o === 'finished') counts.finished++;
    else if (o === 'failed') counts.failed++;
    else if (o === 'running') counts.running++;
    else counts.toProcess++;
    counts.retried += fold.task[id]?.retried ?? 0;
    if (withTasks) tasks.push(rt);
    if (rt.durationMs !== null) {
      durations.push(rt.durationMs);
      pushSlowest(slowest, rt, nSlowest);
    }
    if (o === 'failed' && failures.length < maxFailures) failures.push({ ...rt, logTail: '', logTailTruncated: false });
  }
  const tails = latestTails(
    new TaskLogs(paths.dir),
    failures.map((f) => f.id),
    opts.tailLines ?? 20,
    opts.tailBytes ?? 4096,
    workerFiles(fold.farmers),
  );
  for (const f of failures) {
    const tail = tails.get(f.id)!;
    f.logTail = tail.text;
    f.logTailTruncated = tail.truncated;
  }
  for (const f of farmers) {
    if (f.start !== null) wallStart = Math.min(wallStart, f.start);
    if (f.end !== null) wallEnd = Math.max(wallEnd, f.end);
  }
  for (let i = 0; i < fold.spans.start.length; i++) {
    wallStart = Math.min(wallStart, fold.spans.start[i]);
    wallEnd = Math.max(wallEnd, fold.spans.end[i]);
  }
  const hasWall = Number.isFinite(wallStart) && Number.isFinite(wallEnd);

  const report: Report = {
    version: 1,
    generated: new Date().toISOString(),
    workdir: paths.dir,
    filesystem: detectFilesystem(paths.dir),
    counts,
    wall: {
      start: hasWall ? wallStart : null,
      end: hasWall ? wallEnd : null,
      durationMs: hasWall ? wallEnd - wallStart : null,
    },
    durations: durationStats(durations),
    utilization: hasWall ? utilization(fold, wallStart, wallEnd, opts.buckets ?? 120) : null,
    farmers: farmers.map((f) => ({
      id: f.id,
      host: f.host,
      pid: f.pid,
      workers: f.workers,
      start: f.start,
      end: f.end,
      ended: f.bye,
      attempts: f.attempts,
      busyMs: f.busyMs,
      logs: f.logs,
    })),
    tasks,
    slowest,
    failures,
    failuresOmitted: counts.failed - failures.length,
  };
  return { report, spans: fold.spans, fold };
}

/** One task's row; exported for status, which lists running tasks and recent failures. */
export function taskOf(fold: Folded, id: number, o: TaskOutcome): ReportTask {
  const t = fold.task[id];
  const timed = t !== undefined && t.e > 0 && (o === 'finished' || o === 'failed');
  const fi = o === 'running' ? (t?.claimFarmer ?? -1) : (t?.farmer ?? -1);
  const f = fi >= 0 ? fold.farmers[fi] : undefined;
  const running = o === 'running' && t !== undefined && t.claimTs > 0;
  return {
    id,
    task: fold.text[id] ?? '',
    outcome: o,
    attempts: t?.attempts ?? 0,
    exitCode: timed ? t.rc : null,
    signal: timed ? t.sig : null,
    timedOut: timed ? t.to : false,
    start: timed ? t.s : running ? t.claimTs : null,
    end: timed ? t.e : null,
    durationMs: timed ? Math.max(0, t.e - t.s) : null,
    host: f?.host || null,
    farmer: f?.id ?? null,
    worker: timed && t.w >= 0 ? t.w : null,
    log: logOf(fold, id, f, timed ? t.w : -1),
  };
}

/** Where the last attempt's output is, by the log mode of the farmer that ran it. */
function logOf(fold: Folded, id: number, f: Folded['farmers'][number] | undefined, worker: number): string | null {
  const mode = f?.logs ?? 'per-task';
  if (mode === 'per-worker' && worker < 0) return null;
  const file = logFileOf(fold.paths, mode, id, f?.id ?? '', worker);
  return file === undefined ? null : relative(fold.paths.dir, file);
}

/** Keeps the `n` longest tasks, longest first (insertion into a short sorted list: O(N·n)). */
function pushSlowest(list: ReportTask[], t: ReportTask, n: number): void {
  if (n <= 0) return;
  const d = t.durationMs!;
  if (list.length === n && d <= list[n - 1].durationMs!) return;
  let i = list.length;
  while (i > 0 && list[i - 1].durationMs! < d) i--;
  list.splice(i, 0, t);
  if (list.length > n) list.pop();
}

function durationStats(d: number[]): DurationStats {
  if (d.length === 0) {
    return { count: 0, totalMs: 0, minMs: null, meanMs: null, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null };
  }
  const s = Float64Array.from(d).sort();
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  let total = 0;
  for (const v of s) total += v;
  return {
    count: s.length,
    totalMs: total,
    minMs: s[0],
    meanMs: Math.round(total / s.length),
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
    maxMs: s[s.length - 1],
  };
}

/**
 * Busy workers per bucket: each attempt adds its overlap with the buckets it spans. Whole
 * buckets inside an attempt go through a difference array, so the cost is O(attempts + buckets).
 */
function utilization(fold: Folded, start: number, end: number, n: number): Utilization {
  const span = Math.max(1, end - start);
  const bucketMs = Math.max(1, Math.ceil(span / n));
  const buckets = Math.max(1, Math.ceil(span / bucketMs));
  const busy = new Float64Array(buckets);
  const full = new Float64Array(buckets + 1);
  const add = (s: number, e: number, target: Float64Array, diff: Float64Array) => {
    if (e <= s) return;
    const a = Math.min(buckets - 1, Math.floor((s - start) / bucketMs));
    const b = Math.min(buckets - 1, Math.floor((e - start) / bucketMs));
    if (a === b) {
      target[a] += (e - s) / bucketMs;
      return;
    }
    target[a] += (start + (a + 1) * bucketMs - s) / bucketMs;
    target[b] += (e - (start + b * bucketMs)) / bucketMs;
    if (b > a + 1) {
      diff[a + 1] += 1;
      diff[b] -= 1;
    }
  };
  const sp = fold.spans;
  for (let i = 0; i < sp.start.length; i++) add(sp.start[i], sp.end[i], busy, full);
  const cap = new Float64Array(buckets);
  for (const f of fold.farmers) {
    if (f.start === null || f.end === null || f.workers === 0) continue;
    const c = new Float64Array(buckets);
    const cf = new Float64Array(buckets + 1);
    add(f.start, f.end, c, cf);
    let run = 0;
    for (let i = 0; i < buckets; i++) {
      run += cf[i];
      cap[i] += (c[i] + run) * f.workers;
    }
  }
  let run = 0;
  const out: number[] = [];
  for (let i = 0; i < buckets; i++) {
    run += full[i];
    out.push(round2(busy[i] + run));
  }
  return { bucketMs, start, busy: out, capacity: Array.from(cap, round2) };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** A task's log as a reader is told of it: its file, and for a per-worker log how to get its part. */
export function logLabel(t: { id: number; log: string | null }): string {
  if (t.log === null) return 'no log kept';
  return isWorkerLogName(basename(t.log)) ? `${t.log} (its part: taskfarmer logs WORKDIR ${t.id})` : t.log;
}

/**
 * Per-worker logs to search: none when no farmer wrote any (their hellos say), which spares
 * listing a logs/ of a million per-task files; undefined (every one) otherwise.
 */
export function workerFiles(farmers: Array<{ logs: string }>): string[] | undefined {
  return farmers.some((f) => f.logs === 'per-worker') ? undefined : [];
}
