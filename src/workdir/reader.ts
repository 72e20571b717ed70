import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { decodeChunk, type JournalRecord } from './journal.js';
import { readRange, rereadSnapshot, type FileSnapshot } from './files.js';
import { forEachTaskLineRange, journalPath, layout, type Layout } from './layout.js';
import { TaskState } from './state.js';
import { bootId, host, pidAlive } from './identity.js';
import { isUnreachable } from './fs-errors.js';

/** What the journals tell about one farmer. */
export interface FarmerInfo {
  /** Journal file stem: `<host>-<pid>-<random>`. */
  id: string;
  index: number;
  host: string;
  /** Its node: the Slurm node name if it gave one, else its host. */
  node: string;
  boot: string;
  pid: number;
  workers: number;
  /** Its lease (ms): how long it may stay silent before its claims are taken back. */
  lease: number;
  started: number;
  /** Its own clock at its last record. */
  lastTs: number;
  /** Our clock when we last saw its journal grow (immune to clock skew between nodes). */
  lastSeen: number;
  bye: boolean;
}

/**
 * Folds `toprocess` and every journal into a TaskState, and then, on each poll(), only the
 * bytes the journals gained since: O(changes), not O(tasks). Read-only: `status` uses it on a
 * running farm, and a farmer uses it under the lock.
 */
export class Reader {
  readonly state = new TaskState();
  readonly farmers = new Map<string, FarmerInfo>();
  private readonly offsets = new Map<string, number>();

  constructor(readonly l: Layout) {}

  /**
   * Loads the base from `toprocess` (ascending ids, as PyTaskFarmer writes it). `read` is the
   * file as read (and validated) before, used if the file did not change since: a million
   * tasks' toprocess is not held twice.
   */
  loadBase(read?: FileSnapshot): void {
    if (!existsSync(this.l.toprocess)) return;
    const { buf } = rereadSnapshot(this.l.toprocess, read);
    this.state.setBaseBuffer(buf);
    forEachTaskLineRange(buf, this.l.toprocess, (id, start, end) => this.state.addBaseRange(id, start, end));
    // What the last compaction kept of the tasks left (attempt numbers, failed attempts).
    let carry: Buffer | undefined;
    try {
      carry = readFileSync(this.l.carry);
    } catch {
      // none: no task left had been attempted
    }
    if (carry) for (const r of decodeChunk(carry).records) this.state.apply(-1, r);
  }

  /** Reads what every journal gained since the last poll. `self` is skipped: its writer applies its own records. */
  poll(self?: string): void {
    let names: string[];
    try {
      names = readdirSync(this.l.journals);
    } catch (err) {
      // Not there yet is fine; not answering is not: claiming blind could hand out a task twice.
      if (isUnreachable(err)) throw err;
      return;
    }
    const now = Date.now();
    for (const name of names) {
      if (!name.endsWith('.jsonl')) continue;
      const id = basename(name, '.jsonl');
      if (id === self) continue;
      this.readJournal(id, now);
    }
  }

  /** The farmer record for an id, created on first sight. */
  farmer(id: string): FarmerInfo {
    let f = this.farmers.get(id);
    if (!f) {
      f = {
        id,
        index: this.farmers.size,
        host: '',
        node: '',
        boot: '',
        pid: 0,
        workers: 0,
        lease: 0,
        started: 0,
        lastTs: 0,
        lastSeen: Date.now(),
        bye: false,
      };
      this.farmers.set(id, f);
    }
    return f;
  }

  /** Folds records written by farmer `id` (its own, or read from its journal). */
  apply(f: FarmerInfo, records: JournalRecord[]): void {
    for (const r of records) {
      switch (r.t) {
        case 'hello':
          Object.assign(f, {
            host: r.host,
            node: r.node ?? r.host,
            boot: r.boot,
            pid: r.pid,
            workers: r.workers,
            lease: r.lease,
            started: r.ts,
            lastTs: r.ts,
          });
          break;
        case 'hb':
          f.lastTs = r.ts;
          break;
        case 'bye':
          f.lastTs = r.ts;
          f.bye = true;
          break;
        default:
          this.state.apply(f.index, r);
      }
    }
  }

  private readJournal(id: string, now: number): void {
    const from = this.offsets.get(id) ?? 0;
    let fd: number;
    try {
      fd = openSync(journalPath(this.l, id), 'r');
    } catch (err) {
      // Gone (compacted into history) is fine; a filesystem that does not answer is not.
      if (isUnreachable(err)) throw err;
      return;
    }
    try {
      const size = fstatSync(fd).size;
      const first = !this.farmers.has(id);
      const f = this.farmer(id);
      if (size <= from) return;
      const { records, consumed } = decodeChunk(readRange(fd, from, size));
      this.offsets.set(id, from + consumed);
      this.apply(f, records);
      // Growth is judged by our clock; only on first sight do we believe its own timestamps,
      // so that a journal silent since long before we started counts as old at once.
      f.lastSeen = first && f.lastTs > 0 ? Math.min(now, f.lastTs) : now;
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Gone: said bye, never said hello, or its process is dead (same kernel and host, so the pid is
 * ours to check), or its journal has not grown for longer than its lease.
 */
export function farmerGone(f: FarmerInfo, now: number, defaultLease: number): boolean {
  if (f.bye) return true;
  // No hello: its first write (made under the lock, where we read) never completed, so it died
  // starting: killed, or its disk was full. It holds no claims, but would block compaction.
  if (f.pid === 0) return true;
  if (f.boot === bootId && f.host === host && f.pid > 0 && !pidAlive(f.pid)) return true;
  return now - f.lastSeen > (f.lease || defaultLease);
}

/** A read-only Reader on an existing workdir with `toprocess` loaded, or a UsageError saying what is wrong. */
export function readerFor(workdir: string): Reader {
  const reader = new Reader(workdirLayout(workdir));
  reader.loadBase();
  return reader;
}

/** The layout of an existing workdir, or a UsageError saying why `workdir` is none. */
export function workdirLayout(workdir: string): Layout {
  const l = layout(resolve(workdir));
  if (!existsSync(l.dir)) throw new UsageError(`workdir ${workdir} does not exist`);
  if (!existsSync(l.toprocess))
    throw new UsageError(`workdir ${workdir} is not a taskfarmer workdir (no toprocess file)`);
  return l;
}
