import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  TaskLogs,
  detectFilesystem,
  foldWorkdir,
  formatDuration,
  formatFilesystem,
  howEnded,
  latestTails,
  logLabel,
  taskOf,
  workerFiles
} from "./chunk-TIG66V6S.js";
import {
  farmerGone,
  idsOfTaskLines,
  readMeta,
  readerFor
} from "./chunk-BHPX7USW.js";

// src/report/status.ts
import { existsSync, readFileSync } from "node:fs";
function status(workdir, defaultLease = 6e4) {
  const reader = readerFor(workdir);
  const paths = reader.paths;
  reader.poll();
  const st = reader.state;
  const now = Date.now();
  const farmers = [];
  for (const f of reader.farmers.values()) {
    const alive = !farmerGone(f, now, defaultLease);
    const claimed = st.claimsOf(f.index).size;
    if (!alive && claimed === 0) continue;
    const running2 = alive ? Math.min(claimed, f.workers) : 0;
    farmers.push({
      id: f.id,
      host: f.host,
      pid: f.pid,
      workers: f.workers,
      running: running2,
      queued: claimed - running2,
      alive,
      silentMs: now - f.lastSeen
    });
  }
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
    farmers
  };
}
function distinctIds(path) {
  return existsSync(path) ? new Set(idsOfTaskLines(readFileSync(path, "latin1"))).size : 0;
}
function statusDetails(workdir, opts = {}) {
  const fold = foldWorkdir(workdir);
  const now = Date.now();
  const running = [];
  const failed = [];
  fold.outcome.forEach((o, id) => {
    if (o === "running") {
      const t = taskOf(fold, id, o);
      running.push({ ...t, runningMs: t.start === null ? 0 : Math.max(0, now - t.start) });
    } else if (o === "failed") failed.push(taskOf(fold, id, o));
  });
  running.sort((a, b) => b.runningMs - a.runningMs || a.id - b.id);
  failed.sort((a, b) => (b.end ?? 0) - (a.end ?? 0) || b.id - a.id);
  const shown = failed.slice(0, opts.failures ?? 5);
  const tails = latestTails(
    new TaskLogs(fold.paths.dir),
    shown.map((t) => t.id),
    opts.tailLines ?? 5,
    1024,
    workerFiles(fold.farmers)
  );
  const lastFailures = shown.map((t) => {
    const tail = tails.get(t.id);
    return { ...t, logTail: tail.text, logTailTruncated: tail.truncated };
  });
  return { slowestRunning: running.slice(0, opts.running ?? 5), lastFailures };
}
function formatStatus(s, d) {
  const pct = s.total ? ` (${(100 * (s.finished + s.failed) / s.total).toFixed(1)}% done)` : "";
  const lines = [
    `workdir    ${s.workdir}`,
    `filesystem ${formatFilesystem(s.filesystem)}`,
    `total      ${s.total}${pct}`,
    `toprocess  ${s.toProcess}`,
    `running    ${s.running}`,
    ...s.queued ? [`queued     ${s.queued}  (claimed, not started yet)`] : [],
    `finished   ${s.finished}`,
    `failed     ${s.failed}`
  ];
  if (s.farmers.length) {
    lines.push("farmers");
    for (const f of s.farmers) {
      const state = f.alive ? "alive" : `gone (silent ${Math.round(f.silentMs / 1e3)}s; its tasks return to the pool)`;
      const queued = f.queued ? f.alive ? ` (+${f.queued} claimed ahead)` : `, holding ${f.queued}` : "";
      lines.push(`  ${f.host} pid ${f.pid}: ${f.running} running of ${f.workers} workers${queued}, ${state}`);
    }
  }
  if (d?.slowestRunning.length) {
    lines.push("running longest");
    for (const t of d.slowestRunning) {
      lines.push(`  task ${t.id}  ${formatDuration(t.runningMs).padStart(7)}  ${t.host ?? "?"}  ${short(t.task)}`);
    }
  }
  if (d?.lastFailures.length) {
    lines.push("last failures");
    for (const t of d.lastFailures) {
      const how = howEnded({ code: t.exitCode, signal: t.signal, timedOut: t.timedOut });
      const took = t.durationMs === null ? "" : ` after ${formatDuration(t.durationMs)}`;
      lines.push(`  task ${t.id} (${how}${took}${t.host ? ` on ${t.host}` : ""}): ${short(t.task)} \u2014 ${logLabel(t)}`);
      for (const l of t.logTail.split("\n")) if (l) lines.push(`    | ${l}`);
    }
  }
  return lines.join("\n");
}
var short = (s, n = 100) => s.length > n ? s.slice(0, n - 1) + "\u2026" : s;

export {
  status,
  statusDetails,
  formatStatus
};
