/**
 * `taskfarmer requeue`: failed tasks back to `toprocess`, under the workdir lock, safe while
 * farmers run. Their failures stay in the journals' history; their `failed` lines go, so that
 * at rest every task is still in exactly one of toprocess, finished and failed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isUsageError, UsageError } from '../util/errors.js';
import { appendLines, writeFileAtomic } from './files.js';
import { newFarmerId } from './identity.js';
import { encodeRecords, type JournalRecord } from './journal.js';
import { DIR_MODE, formatTaskLine, forEachTaskLine, journalPath, layout, type Layout } from './layout.js';
import { withLock } from './lock.js';
import { readMeta } from './meta.js';
import { Reader } from './reader.js';
import { Status, type TaskState } from './state.js';

export interface RequeueRequest {
  dir: string;
  /** Every failed task (`--failed`), or these ids (`--ids`). */
  ids: number[] | 'failed';
  /** ms after which a lock left by a dead farmer is taken over. */
  lockStale?: number;
}

export interface RequeueResult {
  /** The tasks moved, ascending. */
  moved: Array<{ id: number; task: string }>;
  /** True when farmers were (or may be) running: they pick the tasks up from the journal. */
  live: boolean;
}

/** Moves failed tasks back to the pool; a UsageError (nothing changed) for a bad workdir or id. */
export async function requeue(req: RequeueRequest): Promise<RequeueResult> {
  const paths = layout(req.dir);
  checkWorkdir(paths, req.dir);
  // A workdir PyTaskFarmer made has no .taskfarmer/ yet; the lock lives there. Refused ids must
  // leave nothing behind, so what is created here is removed again on a UsageError.
  const created = [paths.state, paths.journals, paths.history].filter((d) => !existsSync(d));
  for (const d of created) mkdirSync(d, { recursive: true, mode: DIR_MODE });
  try {
    return await withLock(paths.lock, { stale: req.lockStale ?? 30_000 }, () => requeueLocked(paths, req.ids));
  } catch (err) {
    if (isUsageError(err)) for (const d of created.reverse()) rmSync(d, { recursive: true, force: true });
    throw err;
  }
}

function checkWorkdir(paths: Layout, dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`requeue: workdir ${dir} does not exist`);
  }
  if (!isDir) throw new UsageError(`requeue: ${dir} is not a directory`);
  if (!existsSync(paths.toprocess) || !existsSync(paths.failed)) {
    throw new UsageError(`requeue: ${dir} is not a taskfarmer workdir (no toprocess or failed file)`);
  }
}

function requeueLocked(paths: Layout, want: number[] | 'failed'): RequeueResult {
  const reader = new Reader(paths);
  reader.loadBase();
  reader.poll();
  const state = reader.state;
  const failedLines = new Map<number, string>();
  forEachTaskLine(readFileSync(paths.failed), paths.failed, (id, task) => failedLines.set(id, task));

  // A line in `failed` is a final failure unless the journals say the task is still in play
  // (its farmer died between writing the line and its record: the next sync settles it).
  const isFailed = (id: number) => failedLines.has(id) && [Status.Failed, Status.Absent].includes(state.statusOf(id));
  let ids: number[];
  if (want === 'failed') ids = [...failedLines.keys()].filter(isFailed);
  else {
    for (const id of want) if (!isFailed(id)) throw new UsageError(`requeue: ${whyNot(paths, state, failedLines, id)}`);
    ids = want;
  }
  ids = [...new Set(ids)].sort((a, b) => a - b);
  if (ids.length === 0) return { moved: [], live: false };

  const moved = ids.map((id) => ({ id, task: failedLines.get(id)! }));
  const records: JournalRecord[] = moved.map(({ id, task }) => ({
    t: 'rerun',
    id,
    a: state.statusOf(id) === Status.Failed ? state.attemptOf(id) : 0,
    task,
  }));
  const journals = readdirSync(paths.journals).filter((n) => n.endsWith('.jsonl'));
  const farmerId = `requeue-${newFarmerId()}`;
  const moveSet = new Set(ids);
  const failedKept = () => {
    let out = '';
    forEachTaskLine(readFileSync(paths.failed), paths.failed, (id, task) => {
      if (!moveSet.has(id)) out += formatTaskLine(id, task);
    });
    return out;
  };
  if (journals.length > 0) {
    // Farmers may be running: they learn of the tasks from our journal at their next sync.
    // The journal before `failed`: dying in between leaves a task in `failed` and in the pool,
    // never in neither.
    appendLines(journalPath(paths, farmerId), encodeRecords(records));
    writeFileAtomic(paths.failed, [failedKept()]);
    return { moved, live: true };
  }
  // At rest (no journal): leave it at rest, so PyTaskFarmer can continue it too. `toprocess`
  // first, then `failed`; the records go straight to history.
  const merged = mergeLines(readFileSync(paths.toprocess), paths.toprocess, moved);
  writeFileAtomic(paths.toprocess, merged);
  writeFileAtomic(paths.failed, [failedKept()]);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  appendLines(join(paths.history, `${stamp}-${farmerId}.jsonl`), encodeRecords(records));
  return { moved, live: false };
}

/** `toprocess` with the moved tasks' lines inserted in id order. */
function* mergeLines(buf: Buffer, file: string, moved: Array<{ id: number; task: string }>): Generator<string> {
  let i = 0;
  const lines: string[] = [];
  forEachTaskLine(buf, file, (id, task) => {
    while (i < moved.length && moved[i].id < id) lines.push(formatTaskLine(moved[i].id, moved[i++].task));
    if (i < moved.length && moved[i].id === id) i++;
    lines.push(formatTaskLine(id, task));
  });
  while (i < moved.length) lines.push(formatTaskLine(moved[i].id, moved[i++].task));
  yield* lines;
}

/** Why `id` cannot be requeued, in words. */
function whyNot(paths: Layout, state: TaskState, failed: Map<number, string>, id: number): string {
  const total = Math.max(readMeta(paths)?.tasks ?? 0, state.size);
  if (id >= total) return `task ${id} does not exist (the workdir has ${total} tasks, ids 0-${total - 1})`;
  const where: Record<Status, string> = {
    [Status.Absent]: 'finished',
    [Status.Pending]: 'still to process',
    [Status.Claimed]: 'running',
    [Status.Done]: 'finished',
    [Status.Failed]: 'failed',
  };
  const s = state.statusOf(id);
  if (failed.has(id)) return `task ${id} is ${where[s]}, not failed, in the journals`;
  return `task ${id} has not failed (it is ${where[s]})`;
}
