import { host } from './identity.js';
import type { TaskState } from './state.js';
import type { Completion, Outcome } from './workdir-types.js';

/**
 * The lines a farmer adds to `timeline.json`: Chrome trace events, as Perfetto reads them.
 * Times are in µs; `pid` is the farmer's, `tid` the worker slot. Pure formatting: the Workdir
 * appends them in place (appendJsonArray), so the file stays a valid array.
 */

/** One attempt: a complete (`X`) span on its worker's track, named by the task. */
export function attemptEvent(c: Completion, outcome: Outcome, farmerId: string): string {
  return JSON.stringify({
    name: c.task,
    cat: outcome,
    ph: 'X',
    ts: c.start * 1000,
    dur: Math.max(0, c.end - c.start) * 1000,
    pid: process.pid,
    tid: c.slot,
    args: { id: c.id, attempt: c.attempt, rc: c.rc, signal: c.signal, host, farmer: farmerId },
  });
}

/** A sample of the counter tracks under this farmer: its running tasks, and the workdir's. O(1). */
export function counterEvent(state: TaskState, farmerIndex: number): string {
  const n = state.count;
  return JSON.stringify({
    name: 'tasks',
    ph: 'C',
    ts: Date.now() * 1000,
    pid: process.pid,
    args: {
      running: state.claimsOf(farmerIndex).size,
      'running in workdir': n.claimed,
      remaining: n.pending + n.claimed,
    },
  });
}

/** Perfetto track names: one process per farmer (host and pid), one thread per worker slot. */
export function trackNames(workers: number): string[] {
  const out = [
    JSON.stringify({
      name: 'process_name',
      ph: 'M',
      pid: process.pid,
      args: { name: `farmer ${host}:${process.pid}` },
    }),
  ];
  for (let w = 0; w < workers; w++) {
    out.push(JSON.stringify({ name: 'thread_name', ph: 'M', pid: process.pid, tid: w, args: { name: `worker ${w}` } }));
  }
  return out;
}
