import type { JournalRecord } from './journal.js';

/**
 * Journal records come from files anyone who can write the workdir can edit, so each one is
 * checked before it is folded: a record with a negative id made every farmer wait forever for
 * a claim nobody held, and one with a huge id made the state allocate tens of gigabytes.
 */

/** No task is attempted this often; a larger number is corruption, not history. */
export const MAX_ATTEMPT = 1_000_000;

const isInt = (v: unknown, min: number, max: number) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown) => typeof v === 'string';
const isBool = (v: unknown) => typeof v === 'boolean';

/**
 * Why a decoded record is not one we can fold (`undefined` when it is good). `limit` is one
 * past the highest task id the workdir knows (the tasklist's task count).
 */
export function recordProblem(r: unknown, limit: number): string | undefined {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return 'not a JSON object';
  const record = r as Record<string, unknown>;
  const id = () =>
    isInt(record.id, 0, limit - 1)
      ? undefined
      : `task id ${JSON.stringify(record.id)} is not one of the ${limit} tasks`;
  const attempt = (min = 1) =>
    isInt(record.a, min, MAX_ATTEMPT) ? undefined : `attempt ${JSON.stringify(record.a)} is not sane`;
  const fields = (ok: boolean) => (ok ? undefined : 'missing or malformed fields');
  switch (record.t) {
    case 'hello':
      return fields(
        isStr(record.host) &&
          isStr(record.boot) &&
          isInt(record.pid, 0, 2 ** 31) &&
          isInt(record.workers, 0, 2 ** 31) &&
          isNum(record.lease) &&
          isNum(record.ts) &&
          (record.node === undefined || isStr(record.node)) &&
          (record.ns === undefined || isStr(record.ns)) &&
          (record.logs === undefined || record.logs === 'per-worker' || record.logs === 'none'),
      );
    case 'hb':
    case 'bye':
      return fields(isNum(record.ts));
    case 'claim':
      return (
        id() ??
        attempt() ??
        fields(
          isNum(record.ts) &&
            [record.fo, record.xo].every((v) => v === undefined || isInt(v, 0, Number.MAX_SAFE_INTEGER)),
        )
      );
    case 'done':
      return id() ?? attempt() ?? fields(isNum(record.s) && isNum(record.e) && isNum(record.w));
    case 'fail':
      return (
        id() ??
        attempt() ??
        fields(
          isNum(record.s) &&
            isNum(record.e) &&
            isNum(record.w) &&
            (record.rc === null || Number.isInteger(record.rc)) &&
            (record.sig === null || isStr(record.sig)) &&
            isBool(record.to) &&
            isBool(record.final) &&
            (record.lost === undefined || isBool(record.lost)),
        )
      );
    case 'requeue':
      return id() ?? attempt() ?? fields(record.why === 'stop' || record.why === 'lease');
    case 'rerun':
      // `a` is 0 when the failure was before the last compaction.
      return id() ?? attempt(0) ?? fields(isStr(record.task));
    case 'add':
      return id() ?? fields(isStr(record.task));
    case 'carry':
      return (
        id() ??
        attempt(0) ??
        fields(isInt(record.fails, 0, MAX_ATTEMPT) && (record.lost === undefined || isInt(record.lost, 0, 255)))
      );
    default:
      return `unknown record type ${JSON.stringify(record.t)}`;
  }
}

/** The records that pass recordProblem(); `bad` is called for each one that does not. */
export function validRecords(
  records: unknown[],
  limit: number,
  bad: (problem: string, record: unknown) => void,
): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const r of records) {
    const problem = recordProblem(r, limit);
    if (problem) bad(problem, r);
    else out.push(r as JournalRecord);
  }
  return out;
}
