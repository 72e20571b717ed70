import { statSync } from 'node:fs';
import { isUsageError } from '../util/errors.js';
import type { TasklistHandler } from '../tasklist/handlers.js';
import { parseTasklist, tasklistBytesProblem } from '../tasklist/parse.js';
import type { JournalRecord } from './journal.js';
import type { Layout } from './layout.js';
import { appendedSince, newMeta, readMeta, type Meta } from './meta.js';
import { recoverLost } from './recovery.js';
import type { TaskState } from './state.js';
import { checkTasklistBytes, readTasklist } from './tasklist-file.js';

/**
 * Lines appended to the tasklist while the workdir exists become new tasks (`add` records,
 * ids after the last). Editing its existing lines is refused (appendedSince): ids would
 * silently point at other commands.
 */

/** New tasks found in the tasklist, and the meta to write once their records are in the journal. */
export interface Added {
  records: JournalRecord[];
  meta?: Meta;
}

export interface TasklistSource {
  tasklist: string;
  handler: TasklistHandler;
  warn: (msg: string) => void;
}

/**
 * The tasks that join at a start, and the meta to write once their records are in the journal.
 * A workdir PyTaskFarmer made (no meta) is adopted, and the tasks it lost (popped, never
 * recorded) are recovered; in one of ours, lines appended to the tasklist since become tasks.
 * Under the lock, with `state` folded from the workdir.
 */
export function joiningAtStart(
  paths: Layout,
  state: TaskState,
  source: TasklistSource,
  tasklist: Buffer,
  meta: Meta | undefined,
): Added {
  if (meta) return appendedTasks(paths, source, meta);
  const all = parseTasklist(tasklist.toString('utf8'));
  const commands = all.map((line, id) => source.handler(line, id));
  return {
    records: recoverLost(paths, state, commands, source.warn),
    meta: newMeta(source.tasklist, tasklist, all.length),
  };
}

/** New tasks from lines appended to the tasklist, checked while farming. Under the lock. */
export function checkTasklistGrowth(paths: Layout, source: TasklistSource): Added {
  const meta = readMeta(paths);
  if (!meta) return { records: [] };
  try {
    if (statSync(source.tasklist).size <= meta.bytes) return { records: [] };
    return appendedTasks(paths, source, meta);
  } catch (err) {
    // Unreadable for a moment: look again at the next check. Edited: say so, keep going.
    if (isUsageError(err)) source.warn(`${(err as Error).message}; ignoring the change`);
    return { records: [] };
  }
}

/**
 * `add` records for the lines appended to the tasklist, and the meta that counts them, to be
 * written only after the records are in the journal (else a crash in between loses the tasks).
 */
export function appendedTasks(paths: Layout, source: TasklistSource, meta: Meta): Added {
  const added = appendedSince(meta, source.tasklist, paths.dir);
  if (added.bytes.length === 0) return { records: [] };
  if (tasklistBytesProblem(added.bytes)) {
    // Name the line as an editor numbers it: count the lines before the appended ones.
    const before = readTasklist(source.tasklist, true)!.subarray(0, meta.bytes);
    checkTasklistBytes(source.tasklist, added.bytes, countNewlines(before) + 1);
  }
  const lines = parseTasklist(added.bytes.toString('utf8'));
  const records: JournalRecord[] = lines.map((line, i) => ({
    t: 'add',
    id: meta.tasks + i,
    task: source.handler(line, meta.tasks + i),
  }));
  return {
    records,
    meta: { ...meta, bytes: meta.bytes + added.bytes.length, sha256: added.sha256, tasks: meta.tasks + lines.length },
  };
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}
