import type { JournalRecord } from './journal.js';
/**
 * Journal records come from files anyone who can write the workdir can edit, so each one is
 * checked before it is folded: a record with a negative id made every farmer wait forever for
 * a claim nobody held, and one with a huge id made the state allocate tens of gigabytes.
 */
/** No task is attempted this often; a larger number is corruption, not history. */
export declare const MAX_ATTEMPT = 1000000;
/**
 * Why a decoded record is not one we can fold (`undefined` when it is good). `limit` is one
 * past the highest task id the workdir knows (the tasklist's task count).
 */
export declare function recordProblem(r: unknown, limit: number): string | undefined;
/** The records that pass recordProblem(); `bad` is called for each one that does not. */
export declare function validRecords(records: unknown[], limit: number, bad: (problem: string, record: unknown) => void): JournalRecord[];
