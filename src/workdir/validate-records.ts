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
  const o = r as Record<string, unknown>;
  const id = () =>
    isInt(o.id, 0, limit - 1) ? undefined : `task id ${JSON.stringify(o.id)} is not one of the ${limit} tasks`;
  const attempt = (min = 1) =>
    isInt(o.a, min, MAX_ATTEMPT) ? undefined : `attempt ${JSON.stringify(o.a)} is not sane`;
  const fields = (ok: boolean) => (ok ? undefined : 'missing or malformed fields');
  switch (o.t) {
    case 'hello':
      return fields(
        isStr(o.host) &&
          isStr(o.boot) &&
          isInt(o.pid, 0, 2 ** 31) &&
          isInt(o.workers, 0, 2 ** 31) &&
          isNum(o.lease) &&
          isNum(o.ts) &&
          (o.node === undefined || isStr(o.node)) &&
          (o.ns === undefined || isStr(o.ns)) &&
          (o.logs === undefined || o.logs === 'per-worker' || o.logs === 'none'),
      );
    case 'hb':
    case 'bye':
      return fields(isNum(o.ts));
    case 'claim':
      return (
        id() ??
        attempt() ??
        fields(isNum(o.ts) && [o.fo, o.xo].every((v) => v === undefined || isInt(v, 0, Number.MAX_SAFE_INTEGER)))
      );
    case 'done':
      return id() ?? attempt() ?? fields(isNum(o.s) && isNum(o.e) && isNum(o.w));
    case 'fail':
      return (
        id() ??
        attempt() ??
        fields(
          isNum(o.s) &&
            isNum(o.e) &&
            isNum(o.w) &&
            (o.rc === null || Number.isInteger(o.rc)) &&
            (o.sig === null || isStr(o.sig)) &&
            isBool(o.to) &&
            isBool(o.final) &&
            (o.lost === undefined || isBool(o.lost)),
        )
      );
    case 'requeue':
      return id() ?? attempt() ?? fields(o.why === 'stop' || o.why === 'lease');
    case 'rerun':
      // `a` is 0 when the failure was before the last compaction.
      return id() ?? attempt(0) ?? fields(isStr(o.task));
    case 'add':
      return id() ?? fields(isStr(o.task));
    case 'carry':
      return (
        id() ?? attempt(0) ?? fields(isInt(o.fails, 0, MAX_ATTEMPT) && (o.lost === undefined || isInt(o.lost, 0, 255)))
      );
    default:
      return `unknown record type ${JSON.stringify(o.t)}`;
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
