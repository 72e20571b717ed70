import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { decodeChunk, type JournalRecord } from './journal.js';
import { readRange, rereadSnapshot, type FileSnapshot } from './files.js';
import { forEachTaskLineRange, journalPath, layout, type Layout } from './layout.js';
import { TaskState } from './state.js';
import { bootId, host, pidAlive, pidNs } from './identity.js';
import { isUnreachable } from './fs-errors.js';
import { readMeta } from './meta.js';
import { validRecords } from './validate-records.js';

/**
 * Without a meta.json (a workdir PyTaskFarmer made), ids above this are corruption. Below it,
 * an id beyond the tasklist is one a tasklist could have: a record giving it a command (`add`,
 * `rerun`) is handed to `foreign` (the farmer refuses it: only the tasklist's commands run).
 */
export const NO_META_LIMIT = 1 << 24;

/** What the journals tell about one farmer. */
export interface FarmerInfo {
  /** Journal file stem: `<host>-<pid>-<random>`. */
  id: string;
  index: number;
  host: string;
  /** Its node: the Slurm node name if it gave one, else its host. */
  node: string;
  boot: string;
  /** Its pid namespace ('' when its hello did not say). */
  pidNamespace: string;
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
  /** Sizes of finished/failed when it made each claim it may still hold (see the claim record). */
  claimedAt: Map<number, { finishedSize: number; failedSize: number }>;
}

export interface ReaderOptions {
  /** Told once about records that are skipped (not a record we know, or ids outside the tasklist). */
  warn?: (msg: string) => void;
  /** One past the highest valid task id when the workdir has no meta.json yet. */
  limit?: number;
  /** Our clock minus the filesystem's (file mtimes), measured on our own writes. */
  clockOffset?: number;
  /**
   * Told of a record that gives a command to an id beyond the tasklist (below NO_META_LIMIT),
   * instead of the warning: the record is skipped either way.
   */
  foreign?: (id: number, task: string, file: string) => void;
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
  private limitCache: number | undefined;
  private warnedBad = false;
  /** Farmers whose clock was found to differ from the filesystem's (reported once each). */
  readonly skewed = new Map<string, number>();

  constructor(
    readonly paths: Layout,
    readonly opts: ReaderOptions = {},
  ) {}

  /** One past the highest task id of the tasklist: meta.json's count (read again when a record goes beyond it). */
  private limit(refresh = false): number {
    if (this.limitCache === undefined || refresh) {
      this.limitCache = readMeta(this.paths)?.tasks ?? this.opts.limit ?? NO_META_LIMIT;
    }
    return this.limitCache;
  }

  /** Drops records that do not validate, warning once per reader. */
  private valid(records: JournalRecord[], file: string): JournalRecord[] {
    let limit = this.limit();
    if (records.some((r) => Number.isInteger((r as { id?: unknown }).id) && (r as { id: number }).id >= limit))
      limit = this.limit(true);
    return validRecords(records, limit, (problem, r) => {
      const fields = r as { t?: unknown; id?: unknown; task?: unknown };
      if (
        this.opts.foreign &&
        (fields.t === 'add' || fields.t === 'rerun') &&
        Number.isInteger(fields.id) &&
        (fields.id as number) >= limit &&
        (fields.id as number) < NO_META_LIMIT &&
        typeof fields.task === 'string'
      ) {
        this.opts.foreign(fields.id as number, fields.task, file);
        return;
      }
      if (this.warnedBad) return;
      this.warnedBad = true;
      const text = JSON.stringify(r);
      this.opts.warn?.(
        `${file}: skipping a journal record that is not valid (${problem}): ${text.length > 120 ? text.slice(0, 120) + '…' : text}`,
      );
    });
  }

  /**
   * Loads the base from `toprocess` (ascending ids, as PyTaskFarmer writes it). `read` is the
   * file as read (and validated) before, used if the file did not change since: a million
   * tasks' toprocess is not held twice.
   */
  loadBase(read?: FileSnapshot): void {
    if (!existsSync(this.paths.toprocess)) return;
    const { buf } = rereadSnapshot(this.paths.toprocess, read);
    this.state.setBaseBuffer(buf);
    const limit = this.limit();
    forEachTaskLineRange(buf, this.paths.toprocess, (id, start, end) => {
      if (id >= limit)
        throw new UsageError(`${this.paths.toprocess}: task id ${id} is not one of the tasklist's ${limit} tasks`);
      this.state.addBaseRange(id, start, end);
    });
    // What the last compaction kept of the tasks left (attempt numbers, failed attempts).
    let carry: Buffer | undefined;
    try {
      carry = readFileSync(this.paths.carry);
    } catch {
      // none: no task left had been attempted
    }
    if (carry) for (const r of this.valid(decodeChunk(carry).records, this.paths.carry)) this.state.apply(-1, r);
  }

  /** How many bytes of a farmer's journal were read. */
  offsetOf(id: string): number {
    return this.offsets.get(id) ?? 0;
  }

  /** Reads what every journal gained since the last poll. `self` is skipped: its writer applies its own records. */
  poll(self?: string): void {
    let names: string[];
    try {
      names = readdirSync(this.paths.journals);
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
        pidNamespace: '',
        pid: 0,
        workers: 0,
        lease: 0,
        started: 0,
        lastTs: 0,
        lastSeen: Date.now(),
        bye: false,
        claimedAt: new Map(),
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
            pidNamespace: r.ns ?? '',
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
        case 'claim':
          if (r.fo !== undefined) f.claimedAt.set(r.id, { finishedSize: r.fo, failedSize: r.xo ?? 0 });
          this.state.apply(f.index, r);
          break;
        case 'done':
        case 'fail':
          f.claimedAt.delete(r.id);
          this.state.apply(f.index, r);
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
      fd = openSync(journalPath(this.paths, id), 'r');
    } catch (err) {
      // Gone (compacted into history) is fine; a filesystem that does not answer is not.
      if (isUnreachable(err)) throw err;
      return;
    }
    try {
      const stats = fstatSync(fd);
      const size = stats.size;
      const first = !this.farmers.has(id);
      const f = this.farmer(id);
      if (size <= from) return;
      const { records, consumed } = decodeChunk(readRange(fd, from, size));
      this.offsets.set(id, from + consumed);
      this.apply(f, this.valid(records, journalPath(this.paths, id)));
      // Growth is judged by our clock. On first sight, by the journal's mtime (the
      // filesystem's clock, put in ours): a journal silent since long before we started counts
      // as old at once, and a farmer whose clock is behind is not taken for gone. A reader that
      // could not measure its offset from the filesystem's clock (status: it writes nothing)
      // may be off itself; then a farmer whose own last timestamp is recent on our clock is
      // recent too (as before mtimes were used: one lease from now at most). Never later than now.
      const written = stats.mtimeMs + (this.opts.clockOffset ?? 0);
      if (first) f.lastSeen = Math.min(now, Math.max(written, f.lastTs));
      else f.lastSeen = now;
      // Its last record was written when the file was: a large difference is a skewed clock.
      const skew = f.lastTs > 0 ? f.lastTs - written : 0;
      if (first && Math.abs(skew) > SKEW_REPORT_MS) this.skewed.set(id, skew);
    } finally {
      closeSync(fd);
    }
  }
}

/** A farmer whose clock differs from the filesystem's by more than this is reported. */
export const SKEW_REPORT_MS = 5_000;

/**
 * Gone: said bye, never said hello, or its process is dead (same kernel, host and pid
 * namespace, so the pid means the same process to us), or its journal has not grown for
 * longer than its lease. A farmer in another pid namespace (a container, `unshare --pid`)
 * has pids that mean other processes here: only its lease tells.
 */
export function farmerGone(f: FarmerInfo, now: number, defaultLease: number): boolean {
  if (f.bye) return true;
  // No hello: its first write (made under the lock, where we read) never completed, so it died
  // starting: killed, or its disk was full. It holds no claims, but would block compaction.
  if (f.pid === 0) return true;
  if (samePidSpace(f) && f.pid > 0 && !pidAlive(f.pid)) return true;
  return now - f.lastSeen > (f.lease || defaultLease);
}

/** True when a farmer's pid names a process we can see under the same number. */
export function samePidSpace(f: Pick<FarmerInfo, 'boot' | 'host' | 'pidNamespace'>): boolean {
  return f.boot === bootId && f.host === host && f.pidNamespace !== '' && f.pidNamespace === pidNs;
}

/** A read-only Reader on an existing workdir with `toprocess` loaded, or a UsageError saying what is wrong. */
export function readerFor(workdir: string): Reader {
  const reader = new Reader(workdirLayout(workdir));
  reader.loadBase();
  return reader;
}

/** The layout of an existing workdir, or a UsageError saying why `workdir` is none. */
export function workdirLayout(workdir: string): Layout {
  const paths = layout(resolve(workdir));
  if (!existsSync(paths.dir)) throw new UsageError(`workdir ${workdir} does not exist`);
  if (!existsSync(paths.toprocess))
    throw new UsageError(`workdir ${workdir} is not a taskfarmer workdir (no toprocess file)`);
  return paths;
}
