import { existsSync, readFileSync } from 'node:fs';
import { farmerGone, readerFor } from '../workdir/reader.js';
import { formatDuration } from '../util/duration.js';
import { TaskLogs } from '../workdir/tasklog-reader.js';
import { detectFilesystem, formatFilesystem, type FsInfo } from '../workdir/fstype.js';
import { idsOfTaskLines } from '../workdir/layout.js';
import { readMeta } from '../workdir/meta.js';
import { foldWorkdir } from './fold.js';
import { latestTails } from './logtail.js';
import { logLabel, taskOf, workerFiles, type ReportFailure, type ReportTask } from './report.js';
import { howEnded } from './ended.js';

export interface FarmerStatus {
  id: string;
  host: string;
  pid: number;
  workers: number;
  /** Tasks it is running: its claims, up to one per worker (none once it is gone). */
  running: number;
  /** Its other claims: claimed ahead (short tasks are claimed in batches), or, once it is gone, held until a farmer takes them back. */
  queued: number;
  /** False once it said bye, its process is dead, or its lease ran out. */
  alive: boolean;
  /** ms since its journal last grew, as seen now. */
  silentMs: number;
}

export interface StatusSnapshot {
  workdir: string;
  /** The workdir's filesystem as this reader sees it (the same for every node on a shared one). */
  filesystem: FsInfo;
  total: number;
  toProcess: number;
  /** Tasks running now (estimated per farmer: its claims, up to one per worker). */
  running: number;
  /** Tasks claimed but not running: claimed ahead, or held by a farmer that is gone. */
  queued: number;
  finished: number;
  failed: number;
  farmers: FarmerStatus[];
}

/**
 * A read-only snapshot of a workdir, safe while farmers run: it takes no lock and writes
 * nothing (a journal line still being written is simply not counted yet).
 */
export function status(workdir: string, defaultLease = 60_000): StatusSnapshot {
  const reader = readerFor(workdir);
  const paths = reader.paths;
  reader.poll();
  const st = reader.state;
  const now = Date.now();
  const farmers: FarmerStatus[] = [];
  for (const f of reader.farmers.values()) {
    const alive = !farmerGone(f, now, defaultLease);
    const claimed = st.claimsOf(f.index).size;
    if (!alive && claimed === 0) continue;
    // A farmer starts a claimed task as soon as a worker is free, so its claims beyond its
    // workers are the ones waiting.
    const running = alive ? Math.min(claimed, f.workers) : 0;
    farmers.push({
      id: f.id,
      host: f.host,
      pid: f.pid,
      workers: f.workers,
      running,
      queued: claimed - running,
      alive,
      silentMs: now - f.lastSeen,
    });
  }
  // Tasks, not lines: a line written twice (a farmer stalled past its lease, before fencing)
  // must not count twice, nor make the total more than the tasklist's.
  const finished = distinctIds(paths.finished);
  const failed = distinctIds(paths.failed);
  const running = farmers.reduce((n, f) => n + f.running, 0);
  const counted = st.count.pending + st.count.claimed + finished + failed;
  return {
    workdir: paths.dir,
    filesystem: detectFilesystem(paths.dir),
    // A task's line may be in `finished` a moment before its record is in a journal: then it
    // is counted twice here, and the tasklist's count is the truth.
    total: Math.max(finished + failed, Math.min(counted, readMeta(paths)?.tasks ?? counted)),
    toProcess: st.count.pending,
    running,
    queued: st.count.claimed - running,
    finished,
    failed,
    farmers,
  };
}

/** How many different task ids a finished/failed file holds. */
function distinctIds(path: string): number {
  return existsSync(path) ? new Set(idsOfTaskLines(readFileSync(path, 'latin1'))).size : 0;
}

/** What `status` adds to the counts: the longest-running tasks and the latest failures. */
export interface StatusDetails {
  /** Running tasks, longest running first; `runningMs` counts from the claim. */
  slowestRunning: Array<ReportTask & { runningMs: number }>;
  /** The latest final failures, newest first, with the tail of their logs. */
  lastFailures: ReportFailure[];
}

/**
 * Details for `status`: folds the whole workdir history, read-only and lock-free like status().
 * Costs O(tasks + journal records), so `status --watch` refreshes every few seconds, not faster.
 */
export function statusDetails(
  workdir: string,
  opts: { running?: number; failures?: number; tailLines?: number } = {},
): StatusDetails {
  const fold = foldWorkdir(workdir);
  const now = Date.now();
  const running: Array<ReportTask & { runningMs: number }> = [];
  const failed: ReportTask[] = [];
  fold.outcome.forEach((o, id) => {
    if (o === 'running') {
      const t = taskOf(fold, id, o);
      running.push({ ...t, runningMs: t.start === null ? 0 : Math.max(0, now - t.start) });
    } else if (o === 'failed') failed.push(taskOf(fold, id, o));
  });
  running.sort((a, b) => b.runningMs - a.runningMs || a.id - b.id);
  failed.sort((a, b) => (b.end ?? 0) - (a.end ?? 0) || b.id - a.id);
  const shown = failed.slice(0, opts.failures ?? 5);
  const tails = latestTails(
    new TaskLogs(fold.paths.dir),
    shown.map((t) => t.id),
    opts.tailLines ?? 5,
    1024,
    workerFiles(fold.farmers),
  );
  const lastFailures = shown.map((t) => {
    const tail = tails.get(t.id)!;
    return { ...t, logTail: tail.text, logTailTruncated: tail.truncated };
  });
  return { slowestRunning: running.slice(0, opts.running ?? 5), lastFailures };
}

/** The human form of a snapshot. */
export function formatStatus(s: StatusSnapshot, d?: StatusDetails): string {
  const pct = s.total ? ` (${((100 * (s.finished + s.failed)) / s.total).toFixed(1)}% done)` : '';
  const lines = [
    `workdir    ${s.workdir}`,
    `filesystem ${formatFilesystem(s.filesystem)}`,
    `total      ${s.total}${pct}`,
    `toprocess  ${s.toProcess}`,
    `running    ${s.running}`,
    ...(s.queued ? [`queued     ${s.queued}  (claimed, not started yet)`] : []),
    `finished   ${s.finished}`,
    `failed     ${s.failed}`,
  ];
  if (s.farmers.length) {
    lines.push('farmers');
    for (const f of s.farmers) {
      const state = f.alive ? 'alive' : `gone (silent ${Math.round(f.silentMs / 1000)}s; its tasks return to the pool)`;
      const queued = f.queued ? (f.alive ? ` (+${f.queued} claimed ahead)` : `, holding ${f.queued}`) : '';
      lines.push(`  ${f.host} pid ${f.pid}: ${f.running} running of ${f.workers} workers${queued}, ${state}`);
    }
  }
  if (d?.slowestRunning.length) {
    lines.push('running longest');
    for (const t of d.slowestRunning) {
      lines.push(`  task ${t.id}  ${formatDuration(t.runningMs).padStart(7)}  ${t.host ?? '?'}  ${short(t.task)}`);
    }
  }
  if (d?.lastFailures.length) {
    lines.push('last failures');
    for (const t of d.lastFailures) {
      const how = howEnded({ code: t.exitCode, signal: t.signal, timedOut: t.timedOut });
      const took = t.durationMs === null ? '' : ` after ${formatDuration(t.durationMs)}`;
      lines.push(`  task ${t.id} (${how}${took}${t.host ? ` on ${t.host}` : ''}): ${short(t.task)} — ${logLabel(t)}`);
      for (const l of t.logTail.split('\n')) if (l) lines.push(`    | ${l}`);
    }
  }
  return lines.join('\n');
}

const short = (s: string, n = 100) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
