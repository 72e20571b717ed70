import type { JournalRecord } from './journal.js';
import type { LogMode } from './tasklog.js';
/** This machine's boot id: two farmers with the same one share a kernel, so a pid check is meaningful. */
export declare const bootId: string;
export declare const host: string;
/** The node as Slurm names it, if under Slurm and different from the host name. */
export declare const slurmNode: string | undefined;
/** A farmer's id, also its journal's file name: readable, and unique across nodes and restarts. */
export declare function newFarmerId(): string;
/** False only when the process certainly does not exist (or is a zombie nobody reaped yet). */
export declare function pidAlive(pid: number): boolean;
/**
 * This process's pid namespace (`pid:[inode]`), '' if unknown. Farmers in different pid
 * namespaces on one host (containers, `unshare --pid`) see each other's pids as other
 * processes or none, so a pid is checked only within one namespace.
 */
export declare const pidNs: string;
/** The `hello` record a farmer starts its journal with: who and where it is, so others can judge it alive or gone. */
export declare function helloRecord(workers: number, lease: number, logs: LogMode): JournalRecord;
