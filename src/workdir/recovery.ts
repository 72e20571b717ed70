import { existsSync, readFileSync } from 'node:fs';
import type { JournalRecord } from './journal.js';
import { formatTaskLine, idsOfTaskLines, type Layout } from './layout.js';
import type { FarmerInfo } from './reader.js';
import { LOST_CAP, Status, type TaskState } from './state.js';
import { idsInTaskLines } from './tail.js';

/**
 * Crash recovery: what a live farmer (or the next start) does for farmers that are gone and
 * for tasks a crashed PyTaskFarmer lost. Each function only decides: it returns the records
 * (and `failed` lines) to write, and the caller writes them under the lock, lines first.
 */

/** Records that put a gone farmer's claims back, and the `failed` lines to write before them. */
export interface TakenBack {
  records: JournalRecord[];
  /** `failed` lines of tasks failed for losing their farmers LOST_CAP times. */
  failed: string;
}

/** takeBack() for each of `farmers` (all gone), in order. */
export function takeBackAll(
  paths: Layout,
  state: TaskState,
  farmers: Iterable<FarmerInfo>,
  warn: (msg: string) => void,
): TakenBack {
  const all: TakenBack = { records: [], failed: '' };
  for (const farmer of farmers) {
    const back = takeBack(paths, state, farmer, warn);
    all.records.push(...back.records);
    all.failed += back.failed;
  }
  return all;
}

/**
 * Takes back the claims of a gone farmer. A claim whose task already reached `finished` or
 * `failed` (the farmer died between writing the line and its journal record) is completed,
 * not requeued, so no task is recorded twice: the files are searched from where they ended
 * when it claimed. A task whose farmers were lost LOST_CAP times is failed (its `failed`
 * line is returned, to be written before the records).
 */
export function takeBack(paths: Layout, state: TaskState, farmer: FarmerInfo, warn: (msg: string) => void): TakenBack {
  const claims = [...state.claimsOf(farmer.index)];
  if (claims.length === 0) return { records: [], failed: '' };
  const ids = new Set(claims);
  const at = claims.map((id) => farmer.claimedAt.get(id));
  const known = at.every((x) => x !== undefined);
  // Claims from before claim records carried offsets: the tail, long enough for all their lines.
  const tail = 4 << 20;
  let span = tail;
  for (const id of claims) span += formatTaskLine(id, state.task(id) ?? '').length;
  const search = (path: string, from: number) =>
    known ? idsInTaskLines(path, from, ids) : idsInTaskLines(path, 0, ids, span);
  const finished = search(paths.finished, Math.min(...at.map((x) => x?.finishedSize ?? 0)));
  const failedIds = search(paths.failed, Math.min(...at.map((x) => x?.failedSize ?? 0)));
  const records: JournalRecord[] = [];
  let failed = '';
  let lost = 0;
  for (const id of claims) {
    const a = state.attemptOf(id);
    if (finished.has(id)) records.push({ t: 'done', id, a, s: 0, e: 0, w: -1 });
    else if (failedIds.has(id))
      records.push({ t: 'fail', id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true });
    else if (state.lostOf(id) + 1 >= LOST_CAP) {
      records.push({ t: 'fail', id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true, lost: true });
      failed += formatTaskLine(id, state.task(id)!);
      lost++;
    } else records.push({ t: 'requeue', id, a, why: 'lease' });
  }
  if (records.length) warn(`farmer ${farmer.id} is gone: ${records.length} task(s) it held are back in the pool`);
  if (lost) {
    warn(
      `${lost} task(s) recorded as failed: their farmer was lost while running them ${LOST_CAP} times (a task that kills its farmer?)`,
    );
  }
  return { records, failed };
}

/**
 * `add` records for the tasks of the tasklist (`tasks`, commands by id) found in none of
 * toprocess, finished, failed: a PyTaskFarmer that crashed had popped them, never to record them.
 */
export function recoverLost(
  paths: Layout,
  state: TaskState,
  tasks: string[],
  warn: (msg: string) => void,
): JournalRecord[] {
  const known = new Set<number>();
  for (const file of [paths.finished, paths.failed]) {
    if (existsSync(file)) for (const id of idsOfTaskLines(readFileSync(file, 'utf8'))) known.add(id);
  }
  const out: JournalRecord[] = [];
  tasks.forEach((task, id) => {
    if (!known.has(id) && state.statusOf(id) === Status.Absent) out.push({ t: 'add', id, task });
  });
  if (out.length)
    warn(`recovered ${out.length} task(s) that were in no file of the workdir (lost by a crashed farmer)`);
  return out;
}
