import { existsSync } from 'node:fs';
import { countLines } from '../util/count.js';
import { resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { layout } from '../workdir/layout.js';
import { farmerGone, Reader } from '../workdir/reader.js';

export interface FarmerStatus {
  id: string;
  host: string;
  pid: number;
  workers: number;
  running: number;
  /** False once it said bye, its process is dead, or its lease ran out. */
  alive: boolean;
  /** ms since its journal last grew, as seen now. */
  silentMs: number;
}

export interface StatusSnapshot {
  workdir: string;
  total: number;
  toProcess: number;
  running: number;
  finished: number;
  failed: number;
  farmers: FarmerStatus[];
}

/**
 * A read-only snapshot of a workdir, safe while farmers run: it takes no lock and writes
 * nothing (a journal line still being written is simply not counted yet).
 */
export function status(workdir: string, defaultLease = 60_000): StatusSnapshot {
  const l = layout(resolve(workdir));
  if (!existsSync(l.dir)) throw new UsageError(`workdir ${workdir} does not exist`);
  if (!existsSync(l.toprocess))
    throw new UsageError(`workdir ${workdir} is not a taskfarmer workdir (no toprocess file)`);
  const reader = new Reader(l);
  reader.loadBase();
  reader.poll();
  const st = reader.state;
  const now = Date.now();
  const farmers: FarmerStatus[] = [];
  for (const f of reader.farmers.values()) {
    const alive = !farmerGone(f, now, defaultLease);
    const running = st.claimsOf(f.index).size;
    if (!alive && running === 0) continue;
    farmers.push({
      id: f.id,
      host: f.host,
      pid: f.pid,
      workers: f.workers,
      running,
      alive,
      silentMs: now - f.lastSeen,
    });
  }
  const finished = countLines(l.finished);
  const failed = countLines(l.failed);
  return {
    workdir: l.dir,
    total: st.count.pending + st.count.claimed + finished + failed,
    toProcess: st.count.pending,
    running: st.count.claimed,
    finished,
    failed,
    farmers,
  };
}

/** The human form of a snapshot. */
export function formatStatus(s: StatusSnapshot): string {
  const pct = s.total ? ` (${((100 * (s.finished + s.failed)) / s.total).toFixed(1)}% done)` : '';
  const lines = [
    `workdir    ${s.workdir}`,
    `total      ${s.total}${pct}`,
    `toprocess  ${s.toProcess}`,
    `running    ${s.running}`,
    `finished   ${s.finished}`,
    `failed     ${s.failed}`,
  ];
  if (s.farmers.length) {
    lines.push('farmers');
    for (const f of s.farmers) {
      const state = f.alive ? 'alive' : `gone (silent ${Math.round(f.silentMs / 1000)}s; its tasks return to the pool)`;
      lines.push(`  ${f.host} pid ${f.pid}: ${f.running} running of ${f.workers} workers, ${state}`);
    }
  }
  return lines.join('\n');
}
