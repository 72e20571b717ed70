import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { idsOfTaskLines, layout, logPath } from '../workdir/layout.js';
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
  const l = layout(files.workdir);
  const failed = existsSync(files.failed) ? idsOfTaskLines(readFileSync(files.failed, 'utf8')) : [];
  let wanted = failed.map((id) => logPath(l, id));
  if (logs === 'all') {
    const seen = new Set(wanted);
    let names: string[] = [];
    try {
      names = readdirSync(files.logs);
    } catch {
      // nothing ran yet
    }
    const rest = names
      .map((n) => ({ n, id: Number(n.slice(n.indexOf('_') + 1)) }))
      .sort((a, b) => a.id - b.id)
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
