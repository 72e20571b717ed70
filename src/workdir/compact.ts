import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './files.js';
import type { Fence } from './fence.js';
import { encodeRecords, type JournalRecord } from './journal.js';
import { formatTaskLine, type Layout } from './layout.js';
import type { OwnJournal } from './own-journal.js';
import type { TaskState } from './state.js';
import type { TasklistTexts } from './tasklist-texts.js';

/**
 * Brings the workdir to rest, as PyTaskFarmer expects it: rewrites `toprocess` as the tasks not
 * done and moves the journals (`own` included, whose offset starts again) to history. Only when
 * no other farmer is alive, under the lock, with `state` folded from everything. Replaying the
 * old journals over the new `toprocess` (a crash right after the rename) changes nothing, so
 * the two steps need no commit record. Then `carry.jsonl` is replaced by the attempt numbers,
 * failed attempts and lost farmers of the tasks left: replaying the old journals over the old
 * carry file is right too, and a crash after the journals moved but before the new carry file
 * is written leaves the old one, which forgets what those journals added to the counts.
 */
export function compact(paths: Layout, state: TaskState, trusted: TasklistTexts, own: OwnJournal, fence: Fence): void {
  writeFileAtomic(
    paths.toprocess,
    taskLines((id) => (state.isNotDone(id) ? trusted.command(id) : undefined), state.size),
    fence,
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const name of readdirSync(paths.journals)) {
    fence.check();
    renameSync(join(paths.journals, name), join(paths.history, `${stamp}-${name}`));
  }
  own.offset = 0;
  const carried: JournalRecord[] = [];
  for (let id = 0; id < state.size; id++) {
    const a = state.attemptOf(id);
    if (a > 0 && state.isNotDone(id)) {
      const lost = state.lostOf(id);
      carried.push({ t: 'carry', id, a, fails: state.failsOf(id), ...(lost ? { lost } : {}) });
    }
  }
  if (carried.length) writeFileAtomic(paths.carry, [encodeRecords(carried)], fence);
  else {
    fence.check();
    rmSync(paths.carry, { force: true });
  }
}

/** `<id> <task>` lines for the ids `text` gives a task, ascending, produced lazily (no giant array). */
export function* taskLines(text: (id: number) => string | undefined, end: number): Generator<string> {
  for (let id = 0; id < end; id++) {
    const task = text(id);
    if (task !== undefined) yield formatTaskLine(id, task);
  }
}
