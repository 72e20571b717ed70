import type { UsageError } from '../util/errors.js';
import type { JournalRecord } from './journal.js';
import type { Layout } from './layout.js';
import type { TaskState } from './state.js';
import { sizeOf } from './tail.js';
import { commandProblem, refusal, type TasklistTexts } from './tasklist-texts.js';
import type { Claim } from './workdir-types.js';

export interface Picked {
  claims: Claim[];
  /** Their `claim` records, for the caller to append to its journal. */
  records: JournalRecord[];
  /** Why claiming stopped early: a task whose command is not the tasklist's. */
  refused: UsageError | undefined;
}

/**
 * Picks up to `want` tasks to claim, under the lock: the next pending ones (TaskState's order),
 * each run only with the tasklist's command. A task whose text a journal changed since we
 * started stops the picking: the farm stops rather than run it (so does `refused`, passed in
 * when such a record was read). Each claim is folded at once (`fold`), so one batch never
 * holds an id twice. A claim record carries the sizes of `finished` and `failed`: where a
 * farmer taking it back starts looking for a line we wrote just before dying.
 */
export function pickClaims(
  want: number,
  now: number,
  refused: UsageError | undefined,
  ctx: { state: TaskState; trusted: TasklistTexts; paths: Layout; fold: (record: JournalRecord) => void },
): Picked {
  const { state, trusted } = ctx;
  const claims: Claim[] = [];
  const records: JournalRecord[] = [];
  const fo = sizeOf(ctx.paths.finished);
  const xo = sizeOf(ctx.paths.failed);
  for (let i = 0; !refused && i < want; i++) {
    const id = state.nextPending();
    if (id < 0) break;
    const task = trusted.command(id);
    if (task === undefined || task !== state.task(id)) {
      refused = refusal(ctx.paths.journals, commandProblem(trusted, id, state.task(id) ?? ''));
      break;
    }
    const a = state.attemptOf(id) + 1;
    const record: JournalRecord = { t: 'claim', id, a, ts: now, fo, xo };
    ctx.fold(record);
    records.push(record);
    claims.push({ id, attempt: a, task });
  }
  return { claims, records, refused };
}
