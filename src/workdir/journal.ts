/**
 * The journal: each farmer appends its state changes to its own file, one JSON record a line.
 * This module is the only one that encodes or decodes records.
 *
 * Records are written under the workdir lock after reading every other journal, so each one
 * was valid when written, and the state they describe does not depend on the order in which
 * a reader meets them (see state.ts). A torn last line (writer killed mid-write) is ignored.
 */

export type JournalRecord =
  /**
   * `logs`: where its tasks' output went, when not per-task (see tasklog.ts). `node`: the Slurm
   * node name, when it differs from what `host` tells (several nodes on one host). `ns`: its pid
   * namespace (a pid is comparable only within one); absent from older farmers.
   */
  | {
      t: 'hello';
      host: string;
      node?: string;
      boot: string;
      ns?: string;
      pid: number;
      workers: number;
      lease: number;
      logs?: 'per-worker' | 'none';
      ts: number;
    }
  | { t: 'hb'; ts: number }
  | { t: 'bye'; ts: number }
  /**
   * The journal's farmer runs attempt `a` of task `id`. `fo`/`xo`: the sizes of `finished` and
   * `failed` when it claimed, so a farmer taking the claim back knows from where to look for
   * a line the claimer wrote just before it died.
   */
  | { t: 'claim'; id: number; a: number; ts: number; fo?: number; xo?: number }
  /** Attempt `a` exited 0. */
  | { t: 'done'; id: number; a: number; s: number; e: number; w: number }
  /** Attempt `a` failed; `final` when no retry is left. */
  | {
      t: 'fail';
      id: number;
      a: number;
      s: number;
      e: number;
      w: number;
      rc: number | null;
      sig: string | null;
      to: boolean;
      final: boolean;
      /** Failed because its farmers kept dying while running it (see LOST_CAP in state.ts). */
      lost?: boolean;
    }
  /**
   * Attempt `a` goes back to the pool. `stop`: its own farmer let it go (stopped it, or never
   * started it: a claim made by a section that then lost the lock). `lease`: its farmer is
   * gone; written to the journal of the farmer that took the claim back.
   */
  | { t: 'requeue'; id: number; a: number; why: 'stop' | 'lease' }
  /**
   * `taskfarmer requeue`: task `id`, whose final failure was attempt `a` (0 if that was before
   * the last compaction), is back in the pool with its failed attempts forgotten. It carries
   * the task, as `add` does, for a task that left this run's state when it failed.
   */
  | { t: 'rerun'; id: number; a: number; task: string }
  /** A task that joined after the workdir was created: lines appended to the tasklist, or a task a crashed PyTaskFarmer lost. */
  | { t: 'add'; id: number; task: string }
  /**
   * Written by a compaction (to `.taskfarmer/carry.jsonl`, read with `toprocess`) for a task
   * left to do that was attempted: its last attempt number `a`, how many attempts failed
   * (`fails`) and, when not 0, how many were lost with their farmer (`lost`, see LOST_CAP), so
   * that attempt numbers, `--retries` and the lost count go on across a stop and a continue
   * (the records that counted them went to history). Only a compaction writes it, to that file.
   */
  | { t: 'carry'; id: number; a: number; fails: number; lost?: number };

export function encodeRecords(records: JournalRecord[]): string {
  let out = '';
  for (const r of records) out += JSON.stringify(r) + '\n';
  return out;
}

/**
 * Decodes the complete lines of a chunk. Returns the records and how many bytes were
 * consumed; bytes after the last newline are left for the next read (or are a torn line).
 */
export function decodeChunk(chunk: Buffer): { records: JournalRecord[]; consumed: number } {
  const end = chunk.lastIndexOf(0x0a) + 1;
  const records: JournalRecord[] = [];
  if (end === 0) return { records, consumed: 0 };
  const text = chunk.toString('utf8', 0, end);
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl);
    start = nl + 1;
    if (line.length === 0) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      // A line torn by a crash and then followed by a later write: skip it, keep the rest.
    }
  }
  return { records, consumed: end };
}
