import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { JournalRecord } from './journal.js';
import type { LogMode } from './tasklog.js';

/** This machine's boot id: two farmers with the same one share a kernel, so a pid check is meaningful. */
export const bootId: string = (() => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return hostname();
  }
})();

export const host: string = hostname();

/** The node as Slurm names it, if under Slurm and different from the host name. */
export const slurmNode: string | undefined =
  process.env.SLURMD_NODENAME && process.env.SLURMD_NODENAME !== host ? process.env.SLURMD_NODENAME : undefined;

/** A farmer's id, also its journal's file name: readable, and unique across nodes and restarts. */
export function newFarmerId(): string {
  const safeHost = host.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${safeHost}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** False only when the process certainly does not exist (or is a zombie nobody reaped yet). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  try {
    // "pid (comm) S ...": the state letter follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true;
  }
}

/**
 * This process's pid namespace (`pid:[inode]`), '' if unknown. Farmers in different pid
 * namespaces on one host (containers, `unshare --pid`) see each other's pids as other
 * processes or none, so a pid is checked only within one namespace.
 */
export const pidNs: string = (() => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
})();

/** The `hello` record a farmer starts its journal with: who and where it is, so others can judge it alive or gone. */
export function helloRecord(workers: number, lease: number, logs: LogMode): JournalRecord {
  return {
    t: 'hello',
    host,
    ...(slurmNode ? { node: slurmNode } : {}),
    boot: bootId,
    ns: pidNs,
    pid: process.pid,
    workers,
    lease,
    ...(logs === 'per-task' ? {} : { logs }),
    ts: Date.now(),
  };
}
