import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { attemptTail, logWhere } from '../report/logtail.js';
import { isTaskLine } from '../tasklist/parse.js';
import { formatDuration } from '../util/duration.js';
import { howEnded } from '../report/ended.js';
import { shorten, type FailedTask } from './progress.js';

export interface AnnotateOptions {
  /** Error annotations the tasks may use (GitHub shows about 10 per step; a failed step takes one). */
  budget: number;
  /** The tasklist file; an annotation points at the task's line when the file is in the workspace. */
  tasklist?: string;
  workspace?: string;
  /** Where every failed task is listed, for the "and N more" annotation. */
  failedList: string;
}

/**
 * One error annotation per failed task, while they fit in the budget; when they do not, the
 * last one says how many more there are and where they are listed.
 */
export function annotateFailures(failures: FailedTask[], o: AnnotateOptions): void {
  if (failures.length === 0 || o.budget <= 0) return;
  const fits = failures.length <= o.budget;
  const shown = fits ? failures : failures.slice(0, o.budget - 1);
  const where = taskLines(
    o,
    shown.map((f) => f.id),
  );
  for (const f of shown) {
    const tail = attemptTail(f, 5, 1024).text;
    core.error(`${shorten(f.task, 300)}${tail ? `\n${tail}` : ''}\n${logWhere(f)}`, {
      title: `task ${f.id} failed (${howEnded({ code: f.rc, signal: f.signal, timedOut: f.timedOut })}) after ${formatDuration(f.durationMs)}`,
      ...where.get(f.id),
    });
  }
  if (!fits) {
    const more = failures.length - shown.length;
    core.error(`${more} more task(s) failed: see the job summary, and ${o.failedList} for the full list.`, {
      title: `${failures.length} tasks failed`,
    });
  }
}

/** Task id → {file, startLine} in the workspace's tasklist (ids count the non-blank, non-comment lines). */
function taskLines(o: AnnotateOptions, ids: number[]): Map<number, { file: string; startLine: number }> {
  const out = new Map<number, { file: string; startLine: number }>();
  if (!o.tasklist || !o.workspace || ids.length === 0) return out;
  const file = relative(o.workspace, resolve(o.tasklist));
  if (file.startsWith('..') || isAbsolute(file)) return out;
  let text: string;
  try {
    text = readFileSync(o.tasklist, 'utf8');
  } catch {
    return out;
  }
  const wanted = new Set(ids);
  const last = Math.max(...ids);
  let id = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && id <= last; i++) {
    if (!isTaskLine(lines[i])) continue;
    if (wanted.has(id)) out.set(id, { file, startLine: i + 1 });
    id++;
  }
  return out;
}
