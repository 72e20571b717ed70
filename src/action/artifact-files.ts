import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { idsOfTaskLines } from '../workdir/layout.js';
import { TaskLogs } from '../workdir/tasklog-reader.js';
import type { ResultFiles } from './outputs.js';

/** Which task logs go into the artifact (the `upload-logs` input). */
export type UploadLogs = 'failed' | 'all' | 'none';

/** Bounds on the logs uploaded: a farm of 100,000 tasks must not become a 100,000-file artifact. */
export interface ArtifactCaps {
  maxLogs: number;
  maxLogBytes: number;
}

export const DEFAULT_CAPS: ArtifactCaps = { maxLogs: 1000, maxLogBytes: 100 * 1024 * 1024 };

export interface ArtifactSelection {
  /** Absolute paths inside the workdir (the artifact's root). */
  files: string[];
  /** Logs that `upload-logs` asked for but the caps left out. */
  leftOut: { files: number; bytes: number };
}

/**
 * The lists, the report and the timeline always; then the logs `upload-logs` asks for — the
 * failed tasks' first, so that with `all` the cap never drops one of them for a finished
 * task's — until either cap is reached.
 */
export function selectArtifactFiles(
  files: ResultFiles,
  logs: UploadLogs,
  caps: ArtifactCaps = DEFAULT_CAPS,
): ArtifactSelection {
  const out = [files.finished, files.failed, files.report, files.timeline].filter((f) => existsSync(f));
  const leftOut = { files: 0, bytes: 0 };
  if (logs === 'none') return { files: out, leftOut };
  const failed = existsSync(files.failed) ? idsOfTaskLines(readFileSync(files.failed, 'utf8')) : [];
  // The files holding the failed tasks' output: their log_<id>, or (--logs per-worker) the
  // worker logs their frames are in.
  const holding = new Set<string>();
  for (const outputs of new TaskLogs(files.workdir).find(failed).values()) for (const o of outputs) holding.add(o.file);
  let wanted = [...holding];
  if (logs === 'all') {
    const seen = new Set(wanted);
    let names: string[] = [];
    try {
      names = readdirSync(files.logs);
    } catch {
      // nothing ran yet
    }
    // log_<id> in id order, then worker_<farmer>_<slot> files (their id is NaN: last).
    const rest = names
      .map((n) => ({ n, id: n.startsWith('log_') ? Number(n.slice(4)) : Infinity }))
      .sort((a, b) => a.id - b.id || a.n.localeCompare(b.n))
      .map(({ n }) => join(files.logs, n))
      .filter((p) => !seen.has(p));
    wanted = wanted.concat(rest);
  }
  let bytes = 0;
  let taken = 0;
  for (const p of wanted) {
    let size: number;
    try {
      size = statSync(p).size;
    } catch {
      continue; // a task that failed before writing a log
    }
    if (taken < caps.maxLogs && bytes + size <= caps.maxLogBytes) {
      out.push(p);
      taken++;
      bytes += size;
    } else {
      leftOut.files++;
      leftOut.bytes += size;
    }
  }
  return { files: out, leftOut };
}
