import {
  closeSync,
  accessSync,
  constants,
  existsSync,
  fstatSync,
  writeSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { countLines } from '../util/count.js';
import { isUsageError, UsageError } from '../util/errors.js';
import { forEachTask, forEachTaskBytes, parseTasklist, tasklistBytesProblem } from '../tasklist/parse.js';
import { listHandler, type TasklistHandler } from '../tasklist/handlers.js';
import { makeDirs } from './mkdirs.js';
import { checkTasklistBytes, readTasklist, settledTasklist } from './tasklist-file.js';
import { checkCommands, checkToprocess, commandProblem, TasklistTexts } from './tasklist-texts.js';
import { refuseSymlinks, warnIfShared } from './trust.js';
import { createIfAbsent, READ_APPEND_NO_FOLLOW } from '../util/no-follow.js';
import {
  appendJsonArray,
  appendLines,
  appendOwn,
  readRange,
  readSnapshot,
  readTail,
  writeFileAtomic,
  type FileSnapshot,
} from './files.js';
import { bootId, host, newFarmerId, pidNs, slurmNode } from './identity.js';
import { decodeChunk, encodeRecords, type JournalRecord } from './journal.js';
import {
  DIR_MODE,
  FILE_MODE,
  formatTaskLine,
  forEachTaskLine,
  idsOfTaskLines,
  journalPath,
  layout,
  type Layout,
} from './layout.js';
import { isUnreachable } from './fs-errors.js';
import { LockWaitAborted, withLock } from './lock.js';
import { LockLostError, NO_FENCE, type Fence } from './fence.js';
import { recordLockHold } from './lock-stats.js';
import { appendedSince, readMeta, sha256, writeMeta, type Meta } from './meta.js';
import { farmerGone, NO_META_LIMIT, Reader, type FarmerInfo } from './reader.js';
import { LOST_CAP, Status } from './state.js';
import { checkStateFiles } from './preflight.js';
import { idsInTaskLines, sizeOf } from './tail.js';
import { appendNote, logFileOf, logTarget, type LogMode, type LogTarget } from './tasklog.js';

export interface WorkdirOptions {
  dir: string;
  tasklist: string;
  handler: TasklistHandler;
  /** Extra attempts for a failing task. */
  retries: number;
  /** ms without a heartbeat after which a farmer's claims are taken back. */
  lease: number;
  /** ms after which a lock left by a dead farmer is taken over. */
  lockStale: number;
  workers: number;
  /** Where task output goes (see tasklog.ts); default per-task. */
  logs?: LogMode;
  warn: (msg: string) => void;
  /** Aborting it ends any wait for the workdir lock (LockWaitAborted): a stop must not wait on a stalled holder. */
  signal?: AbortSignal;
}

/** A task this farmer may run now. */
export interface Claim {
  id: number;
  attempt: number;
  task: string;
}

/** How an attempt ended, as the farm reports it. */
export interface Completion {
  id: number;
  attempt: number;
  ok: boolean;
  rc: number | null;
  signal: string | null;
  timedOut: boolean;
  start: number;
  end: number;
  slot: number;
  task: string;
}

/** done/failed are final; retry means the task went back to the pool; fenced means our claim had been taken back. */
export type Outcome = 'done' | 'failed' | 'retry' | 'fenced';

export interface SyncRequest {
  completions?: Completion[];
  /** Attempts stopped by us (signal, timeout): back to the pool, no retry used. */
  stopped?: Array<{ id: number; attempt: number }>;
  /** How many tasks to claim. */
  want?: number;
  /** Look for lines appended to the tasklist. */
  checkTasklist?: boolean;
  /**
   * The completions were sent before, and that sync failed part-way (the workdir became
   * unreachable): their lines may already be in `finished`/`failed`, so look before appending.
   */
  recheck?: boolean;
}

export interface CloseRequest {
  completions?: Completion[];
  stopped?: Array<{ id: number; attempt: number }>;
  /** As in SyncRequest: the completions were sent by a sync that failed part-way. */
  recheck?: boolean;
}

export interface SyncResult {
  claims: Claim[];
  outcomes: Outcome[];
  /** Tasks taken back from farmers whose lease expired. */
  reclaimed: number;
}

/** New tasks found in the tasklist, and the meta to write once their records are in the journal. */
interface Added {
  records: JournalRecord[];
  meta?: Meta;
}

/** Thrown when another farmer compacted the workdir while this one was presumed dead. */
export class StaleWorkdirError extends Error {}

/**
 * The on-disk protocol from a farmer's side: opening (create, adopt, recover), claiming and
 * recording under the lock, heartbeats, and the compaction that leaves a PyTaskFarmer-readable
 * workdir at rest. Only this folder knows the protocol's file names.
 */
export class Workdir {
  readonly l: Layout;
  readonly farmerId = newFarmerId();
  private reader: Reader;
  private self: FarmerInfo;
  private ownOffset = 0;
  /** An append to our journal failed: it may have left part of its bytes (see repairOwnJournal). */
  private ownDirty = false;
  /** The lock's fence while a locked section runs: every write checks it. */
  private fence: Fence = NO_FENCE;
  /** The lock was taken from us mid-section: what we read may be stale, read it all again. */
  private resync = false;
  /** Attempts handed to the farm and not yet ended: id → attempt. */
  private readonly held = new Map<number, number>();
  /** Outcomes whose journal records were written in a section that then lost the lock. */
  private readonly recorded = new Map<string, Outcome>();
  /** Completions whose finished/failed lines may have been written when the lock was lost. */
  private inDoubt: { ids: Set<number>; fo: number; xo: number } | undefined;
  /** Our clock minus the filesystem's, from our own journal's mtime. */
  private clockOffset = 0;
  /** What is wrong with a journal record that gave a task outside the tasklist a command. */
  private foreign: string | undefined;
  /** Tasks finished/failed before this farmer started (from the files). */
  readonly previous = { finished: 0, failed: 0 };

  private constructor(
    private readonly o: WorkdirOptions,
    /** The tasklist's commands by id: the only ones this farmer runs. */
    private readonly trusted: TasklistTexts,
    private readonly limit?: number,
  ) {
    this.l = layout(o.dir);
    this.reader = this.newReader();
    this.self = this.reader.farmer(this.farmerId);
  }

  get logs(): LogMode {
    return this.o.logs ?? 'per-task';
  }

  private newReader(): Reader {
    return new Reader(this.l, {
      warn: this.o.warn,
      limit: this.limit,
      clockOffset: this.clockOffset,
      // A command for a task the tasklist does not have: refused at the next check (refuseForeign).
      foreign: (id, task) => {
        this.foreign ??= commandProblem(this.trusted, id, task);
      },
    });
  }

  /**
   * A record read since that gives a command to a task the tasklist does not have (someone
   * else wrote it into a journal): the farm stops rather than run it.
   */
  private refuseForeign(): UsageError | undefined {
    const problem = this.foreign;
    this.foreign = undefined;
    return problem ? new UsageError(`a journal in ${this.l.journals} ${problem}; refusing to run it`) : undefined;
  }

  get state() {
    return this.reader.state;
  }

  get farmers(): ReadonlyMap<string, FarmerInfo> {
    return this.reader.farmers;
  }

  /** How the launcher writes an attempt's output. */
  logTarget(id: number, attempt: number, slot: number): LogTarget {
    return logTarget(this.l, this.logs, id, attempt, this.farmerId, slot);
  }

  /** The file that holds an attempt's output ('' when output is discarded). */
  logFile(id: number, slot: number): string {
    return logFileOf(this.l, this.logs, id, this.farmerId, slot) ?? '';
  }

  /** Text added to an attempt's output once it ended (a runner's note). */
  note(at: { id: number; attempt: number; slot: number; start: number }, text: string): void {
    appendNote(this.l, this.logs, { ...at, farmer: this.farmerId }, text);
  }

  /**
   * Validates everything first (nothing is written when a UsageError is thrown), then, under
   * the lock: creates or adopts the workdir, recovers what crashed farmers left, and registers.
   */
  static async open(o: WorkdirOptions): Promise<Workdir> {
    const l = layout(o.dir);
    checkWritableDir(l.dir, 'workdir');
    refuseSymlinks(l);
    warnIfShared(l, o.tasklist, o.warn);
    checkStateFiles(l);
    const meta0 = existsSync(l.dir) ? readMeta(l) : undefined;
    const toprocess = existsSync(l.toprocess) ? readSnapshot(l.toprocess) : undefined;
    // The whole tasklist, always: the commands come from it, never from the workdir's files.
    let buf = readTasklist(o.tasklist, true)!;
    let upTo = buf.length;
    if (!toprocess) ({ buf, upTo } = await settledTasklist(o.tasklist, buf));
    else if (meta0) upTo = Math.max(meta0.bytes, buf.lastIndexOf(0x0a) + 1);
    if (meta0) appendedSince(meta0, o.tasklist, l.dir);
    checkTasklistBytes(o.tasklist, buf.subarray(0, upTo));
    buf = buf.subarray(0, upTo);
    const trusted = new TasklistTexts(o.tasklist, o.handler);
    trusted.load(buf, upTo);
    // Ids in a workdir without our meta are checked against the tasklist PyTaskFarmer numbered.
    const limit = meta0 ? meta0.tasks : trusted.size;
    if (toprocess) {
      // An id no tasklist could have is corruption; one beyond ours is refused by checkToprocess.
      forEachTaskLine(toprocess.buf, l.toprocess, (id) => {
        if (id >= Math.max(limit, NO_META_LIMIT))
          throw new UsageError(`${l.toprocess}: task id ${id} is not one of the tasklist's ${limit} tasks`);
      });
      checkToprocess(toprocess.buf, l.toprocess, trusted);
    }
    // A handler that rejects a line must do so before anything is created.
    else if (o.handler !== listHandler) forEachTask(buf.toString('utf8'), (line, id) => o.handler(line, id));

    for (const d of [l.dir, l.logs, l.state, l.journals, l.history]) makeDirs(d, DIR_MODE, 'workdir');
    for (;;) {
      const wd = new Workdir(o, trusted, limit);
      try {
        await withLock(l.lock, wd.lockOptions(), (fence) => wd.inSection(fence, () => wd.start(buf, toprocess)));
        return wd;
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        // What it wrote (if anything) is a journal without a hello: a farmer that died starting.
        o.warn(`${err.message}; starting again`);
      }
    }
  }

  private lockOptions(maxWait?: number) {
    return {
      stale: this.o.lockStale,
      onCompromised: (err: Error) => this.o.warn(`workdir lock: ${err.message}`),
      signal: this.o.signal,
      maxWait,
    };
  }

  private inSection<T>(fence: Fence, fn: () => T): T {
    this.fence = fence;
    try {
      return fn();
    } finally {
      this.fence = NO_FENCE;
    }
  }

  /**
   * Runs `fn` under the lock. If the lock turns out taken from us (we stalled past
   * --lock-stale and another farmer went on), nothing more was written: we read the whole
   * workdir again and run the section again, so that no decision rests on what we read before.
   */
  private async locked<T>(fn: () => T, maxWait?: number): Promise<T> {
    for (;;) {
      try {
        return await withLock(this.l.lock, this.lockOptions(maxWait), (fence) =>
          this.inSection(fence, () => {
            if (this.resync) this.rebuild();
            return fn();
          }),
        );
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        this.resync = true;
        this.o.warn(`${err.message}; reading the workdir again`);
      }
    }
  }

  /**
   * Forgets what we read and folds the workdir again from the files, our own journal
   * included. Claims our journal holds that the farm does not run (made in a section that
   * then lost the lock) are put back.
   */
  private rebuild(): void {
    this.resync = false;
    const reader = this.newReader();
    const self = reader.farmer(this.farmerId);
    reader.loadBase();
    reader.poll();
    this.reader = reader;
    this.self = self;
    this.ownOffset = reader.offsetOf(this.farmerId);
    // A torn last record (an append that failed) would look like another farmer's write.
    this.repairOwnJournal();
    this.checkOwnJournal();
    const back: JournalRecord[] = [];
    for (const id of reader.state.claimsOf(self.index)) {
      const a = reader.state.attemptOf(id);
      if (this.held.get(id) !== a) back.push({ t: 'requeue', id, a, why: 'stop' });
    }
    this.write(back);
  }

  /** Runs under the lock at start-up. */
  private start(tasklist: Buffer | undefined, toprocess: FileSnapshot | undefined): void {
    const l = this.l;
    const whole = () => (tasklist ??= readTasklist(this.o.tasklist, true)!);
    let meta = readMeta(l);
    const fresh = !existsSync(l.toprocess);
    if (fresh) {
      const buf = whole();
      const st = this.state;
      let count: number;
      if (this.o.handler === listHandler) {
        // The tasks stay byte ranges of the tasklist's Buffer: no decoded copy, no string each.
        st.setBaseBuffer(buf);
        count = forEachTaskBytes(
          buf,
          (id, start, end) => st.addBaseRange(id, start, end),
          (id, line) => st.addBase(id, line),
        );
      } else count = forEachTask(buf.toString('utf8'), (line, id) => st.addBase(id, this.o.handler(line, id)));
      writeFileAtomic(
        l.toprocess,
        taskLines((id) => st.task(id), count),
        this.fence,
      );
      for (const f of [l.finished, l.failed]) createIfAbsent(f, '', FILE_MODE);
      createIfAbsent(l.timeline, '[\n]\n', FILE_MODE);
      meta = {
        version: 1,
        tasklist: this.o.tasklist,
        bytes: buf.length,
        sha256: sha256(buf),
        tasks: count,
        created: new Date().toISOString(),
      };
      writeMeta(l, meta, this.fence);
    } else {
      this.reader.loadBase(toprocess);
    }
    this.reader.poll(this.farmerId);
    // Before anything is written: every command this workdir would run is the tasklist's.
    if (!fresh) checkCommands(this.state, this.trusted, l.journals);
    const refused = this.refuseForeign();
    if (refused) throw refused;
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    const live = others.filter((f) => !this.isGone(f, now));

    const records: JournalRecord[] = [];
    let newMeta: Meta | undefined;
    if (!meta) {
      // A workdir PyTaskFarmer made: adopt it, and recover tasks it lost (popped, never recorded).
      const buf = whole();
      const all = parseTasklist(buf.toString('utf8'));
      newMeta = {
        version: 1,
        tasklist: this.o.tasklist,
        bytes: buf.length,
        sha256: sha256(buf),
        tasks: all.length,
        created: new Date().toISOString(),
      };
      records.push(...this.recoverLost(all.map((line, id) => this.o.handler(line, id))));
    } else if (!fresh) {
      // Tasks appended to the tasklist since the workdir was made become new tasks.
      const added = this.appendedTasks(meta);
      records.push(...added.records);
      newMeta = added.meta;
    }
    let failedLines = '';
    for (const f of others) {
      if (!this.isGone(f, now)) continue;
      const back = this.takeBack(f);
      records.push(...back.records);
      failedLines += back.failed;
    }
    appendLines(l.failed, failedLines, this.fence);
    this.write(records);
    // Only once the tasks are in the journal: dying in between re-adds them, under the same ids.
    if (newMeta) writeMeta(l, newMeta, this.fence);

    // Alone on the workdir: fold what earlier farmers left into a fresh toprocess. The state in
    // memory already reflects it, so nothing is read back; our own records moved to history.
    if (live.length === 0 && readdirSync(l.journals).length > 0) this.compact();
    this.previous.finished = countLines(l.finished);
    this.previous.failed = countLines(l.failed);
    this.write([
      {
        t: 'hello',
        host,
        ...(slurmNode ? { node: slurmNode } : {}),
        boot: bootId,
        ns: pidNs,
        pid: process.pid,
        workers: this.o.workers,
        lease: this.o.lease,
        ...(this.logs === 'per-task' ? {} : { logs: this.logs }),
        ts: Date.now(),
      },
    ]);
    appendJsonArray(l.timeline, this.trackNames(), this.fence);
    this.measureClock();
  }

  /**
   * Compares our clock with the filesystem's (our journal's mtime, just written): leases and
   * lock staleness compare times across nodes, so a large skew is reported, once.
   */
  private measureClock(): void {
    const st = statSync(journalPath(this.l, this.farmerId), { throwIfNoEntry: false });
    if (!st) return;
    this.clockOffset = Date.now() - st.mtimeMs;
    this.reader.opts.clockOffset = this.clockOffset;
    if (Math.abs(this.clockOffset) > 5_000) {
      this.o.warn(
        `this host's clock differs from the workdir filesystem's by ${Math.round(this.clockOffset / 1000)} s: sync the clocks (NTP); leases are judged by this farmer's own observations meanwhile`,
      );
    }
    this.reportSkew();
  }

  /** Farmers whose clock is off: reported once each, and judged by when their journal grows, not by their timestamps. */
  private reportSkew(): void {
    for (const [id, skew] of this.reader.skewed) {
      if (skew === 0) continue;
      this.o.warn(
        `farmer ${id}'s clock is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the workdir filesystem's: sync the clocks (NTP); it is judged alive by its journal growing`,
      );
      this.reader.skewed.set(id, 0);
    }
  }

  /** Claims, completions and requeues in one short locked section. */
  async sync(req: SyncRequest): Promise<SyncResult> {
    return this.locked(() => {
      const t0 = performance.now();
      const res = this.syncLocked(req);
      recordLockHold(performance.now() - t0, res.claims.length);
      return res;
    });
  }

  private syncLocked(req: SyncRequest): SyncResult {
    this.repairOwnJournal();
    this.checkOwnJournal();
    this.reader.poll(this.farmerId);
    this.reportSkew();
    const st = this.state;
    const me = this.self.index;
    const records: JournalRecord[] = [];
    const outcomes: Outcome[] = [];
    let finished = '';
    let failed = '';
    const events: string[] = [];
    // A resend after the workdir stopped answering mid-sync: those lines may be there already.
    const resent = req.recheck ? this.recordedIds() : undefined;
    const lineIds = new Set<number>();
    // Lines a section that lost the lock may have written: found, they are not written again.
    const doubt = this.inDoubt;
    const written = doubt
      ? new Set([
          ...idsInTaskLines(this.l.finished, doubt.fo, doubt.ids),
          ...idsInTaskLines(this.l.failed, doubt.xo, doubt.ids),
        ])
      : new Set<number>();
    // A task taken back from a farmer presumed dead: that farmer may have been only stalled,
    // and its line may have landed since. Such a line is the task's record.
    const lateLine = (id: number) =>
      st.lostOf(id) > 0 && idsInTaskLines(this.l.finished, 0, new Set([id]), 4 << 20).size > 0;

    for (const c of req.completions ?? []) {
      const key = `${c.id}:${c.attempt}`;
      const already = this.recorded.get(key);
      if (already) {
        this.recorded.delete(key);
        this.held.delete(c.id);
        outcomes.push(already);
        continue;
      }
      if (st.ownerOf(c.id) !== me || st.attemptOf(c.id) !== c.attempt) {
        if (this.held.get(c.id) === c.attempt) this.held.delete(c.id);
        outcomes.push('fenced');
        continue;
      }
      this.held.delete(c.id);
      const line =
        written.has(c.id) || resent?.has(c.id) || (c.ok && lateLine(c.id)) ? '' : formatTaskLine(c.id, c.task);
      if (line) lineIds.add(c.id);
      if (c.ok) {
        records.push({ t: 'done', id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot });
        finished += line;
        outcomes.push('done');
      } else {
        const final = st.failsOf(c.id) + 1 > this.o.retries;
        records.push({
          t: 'fail',
          id: c.id,
          a: c.attempt,
          s: c.start,
          e: c.end,
          w: c.slot,
          rc: c.rc,
          sig: c.signal,
          to: c.timedOut,
          final,
        });
        if (final) failed += line;
        outcomes.push(final ? 'failed' : 'retry');
      }
      events.push(this.traceEvent(c, outcomes[outcomes.length - 1]));
    }
    for (const s of req.stopped ?? []) {
      if (this.held.get(s.id) === s.attempt) this.held.delete(s.id);
      if (st.ownerOf(s.id) === me && st.attemptOf(s.id) === s.attempt)
        records.push({ t: 'requeue', id: s.id, a: s.attempt, why: 'stop' });
    }
    let reclaimed = 0;
    const now = Date.now();
    for (const f of this.reader.farmers.values()) {
      if (f === this.self || st.claimsOf(f.index).size === 0 || !this.isGone(f, now)) continue;
      const back = this.takeBack(f);
      reclaimed += back.records.filter((r) => r.t === 'requeue').length;
      records.push(...back.records);
      failed += back.failed;
    }
    const added = req.checkTasklist ? this.checkTasklist() : { records: [] };
    records.push(...added.records);

    // finished/failed before the journal: if we die in between, takeBack() finds the lines.
    // If the lock is lost after a line may have been written, the retry looks for it first.
    if (finished || failed) {
      this.inDoubt = { ids: lineIds, fo: sizeOf(this.l.finished), xo: sizeOf(this.l.failed) };
    }
    appendLines(this.l.finished, finished, this.fence);
    appendLines(this.l.failed, failed, this.fence);
    try {
      this.write(records);
    } catch (err) {
      if (err instanceof LockLostError && err.afterWrite) this.remember(req.completions ?? [], outcomes);
      throw err;
    }
    this.inDoubt = undefined;
    this.remember(req.completions ?? [], outcomes);
    if (added.meta) writeMeta(this.l, added.meta, this.fence);

    const claims: Claim[] = [];
    const claimRecords: JournalRecord[] = [];
    let refused = this.refuseForeign();
    const fo = sizeOf(this.l.finished);
    const xo = sizeOf(this.l.failed);
    for (let i = 0; !refused && i < (req.want ?? 0); i++) {
      const id = st.nextPending();
      if (id < 0) break;
      // Only the tasklist's command runs; another text (written into a journal since we
      // started) stops the farm rather than run it.
      const task = this.trusted.command(id);
      if (task === undefined || task !== st.task(id)) {
        const problem = commandProblem(this.trusted, id, st.task(id) ?? '');
        refused = new UsageError(`a journal in ${this.l.journals} ${problem}; refusing to run it`);
        break;
      }
      const a = st.attemptOf(id) + 1;
      const claim: JournalRecord = { t: 'claim', id, a, ts: now, fo, xo };
      // Folded at once, so the same id cannot be handed out twice in one batch.
      this.reader.apply(this.self, [claim]);
      claimRecords.push(claim);
      claims.push({ id, attempt: a, task });
    }
    this.append(claimRecords);
    // The timeline after the claims, so its counter sample shows the state this sync leaves.
    if (events.length || claims.length || reclaimed) events.push(this.counterEvent());
    appendJsonArray(this.l.timeline, events, this.fence);
    // Handed out only now that every write of the section made it under our lock.
    this.recorded.clear();
    // Claims made before a refused one are in our journal but not handed to the farm: leaving
    // them out of `held` lets a rebuild or compaction put them back.
    if (refused) throw refused;
    for (const c of claims) this.held.set(c.id, c.attempt);
    return { claims, outcomes, reclaimed };
  }

  /** Outcomes now in our journal: a retried section reports them instead of recording again. */
  private remember(completions: Completion[], outcomes: Outcome[]): void {
    completions.forEach((c, i) => {
      if (outcomes[i] !== 'fenced') this.recorded.set(`${c.id}:${c.attempt}`, outcomes[i]);
    });
  }

  /** A heartbeat: an append to our own journal, no lock needed (nobody else writes it). */
  heartbeat(): void {
    this.repairOwnJournal();
    this.write([{ t: 'hb', ts: Date.now() }]);
  }

  /**
   * True while another farmer holds claims. Alive, it may still finish them or hand them back;
   * gone, our next sync takes them back into the pool. Either way the work is not over. (Asking
   * only about live farmers let a farmer that died just after our sync look like "nothing
   * left": we ended with exit 0 and its tasks back in toprocess, unrun.)
   */
  othersHoldClaims(): boolean {
    for (const f of this.reader.farmers.values()) {
      if (f !== this.self && this.state.claimsOf(f.index).size > 0) return true;
    }
    return false;
  }

  /**
   * Leaves the workdir: records what ended and what was stopped, says bye, and when no other
   * farmer is alive, compacts it so that `toprocess` holds exactly the tasks not done, as
   * PyTaskFarmer expects at rest. With `maxWait` (a stop), a lock that stays held longer (its
   * holder stalled) is not waited for: see leaveWithoutLock().
   */
  async close(what: CloseRequest | Array<{ id: number; attempt: number }>, maxWait?: number): Promise<Outcome[]> {
    const req = Array.isArray(what) ? { stopped: what } : what;
    try {
      return await this.locked(() => this.closeLocked(req), maxWait);
    } catch (err) {
      if (!(err instanceof LockWaitAborted)) throw err;
      this.leaveWithoutLock(req);
      return (req.completions ?? []).map(() => 'retry');
    }
  }

  private closeLocked(req: CloseRequest): Outcome[] {
    try {
      this.repairOwnJournal();
      this.checkOwnJournal();
    } catch (err) {
      if (!(err instanceof StaleWorkdirError)) throw err;
      return (req.completions ?? []).map(() => 'fenced');
    }
    const { outcomes } = this.syncLocked({ completions: req.completions, stopped: req.stopped, recheck: req.recheck });
    this.write([{ t: 'bye', ts: Date.now() }]);
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    if (others.every((f) => this.isGone(f, now))) {
      const back: JournalRecord[] = [];
      let failed = '';
      for (const f of others) {
        const b = this.takeBack(f);
        back.push(...b.records);
        failed += b.failed;
      }
      appendLines(this.l.failed, failed, this.fence);
      this.write(back);
      this.compact();
    }
    return outcomes;
  }

  /**
   * A stop while another farmer holds the lock and does not let go: we write, to our own
   * journal only (no lock needed: nobody else writes it, as with heartbeats), that our
   * attempts go back to the pool, and bye. These records are valid whatever others did
   * meanwhile (a requeue only releases the attempt it names). Results not yet recorded are
   * among them: those tasks run again. The next farmer, or compaction, does the rest.
   */
  private leaveWithoutLock(req: CloseRequest): void {
    if (!existsSync(journalPath(this.l, this.farmerId))) return;
    const records: JournalRecord[] = [];
    for (const s of [...(req.stopped ?? []), ...(req.completions ?? [])]) {
      if (this.held.get(s.id) === s.attempt) records.push({ t: 'requeue', id: s.id, a: s.attempt, why: 'stop' });
    }
    records.push({ t: 'bye', ts: Date.now() });
    this.o.warn(`the workdir lock stayed held by another farmer; recorded only this farmer's stop in its journal`);
    this.append(records);
  }

  private isGone(f: FarmerInfo, now: number): boolean {
    return farmerGone(f, now, this.o.lease);
  }

  /**
   * Takes back the claims of a gone farmer. A claim whose task already reached `finished` or
   * `failed` (the farmer died between writing the line and its journal record) is completed,
   * not requeued, so no task is recorded twice: the files are searched from where they ended
   * when it claimed. A task whose farmers were lost LOST_CAP times is failed (its `failed`
   * line is returned, to be written before the records).
   */
  private takeBack(f: FarmerInfo): { records: JournalRecord[]; failed: string } {
    const st = this.state;
    const claims = [...st.claimsOf(f.index)];
    if (claims.length === 0) return { records: [], failed: '' };
    const ids = new Set(claims);
    const at = claims.map((id) => f.claimedAt.get(id));
    const known = at.every((x) => x !== undefined);
    // Claims from before claim records carried offsets: the tail, long enough for all their lines.
    const tail = 4 << 20;
    let span = tail;
    for (const id of claims) span += formatTaskLine(id, st.task(id) ?? '').length;
    const search = (path: string, from: number) =>
      known ? idsInTaskLines(path, from, ids) : idsInTaskLines(path, 0, ids, span);
    const fin = search(this.l.finished, Math.min(...at.map((x) => x?.fo ?? 0)));
    const fail = search(this.l.failed, Math.min(...at.map((x) => x?.xo ?? 0)));
    const records: JournalRecord[] = [];
    let failed = '';
    let lost = 0;
    for (const id of claims) {
      const a = st.attemptOf(id);
      if (fin.has(id)) records.push({ t: 'done', id, a, s: 0, e: 0, w: -1 });
      else if (fail.has(id))
        records.push({ t: 'fail', id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true });
      else if (st.lostOf(id) + 1 >= LOST_CAP) {
        records.push({ t: 'fail', id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true, lost: true });
        failed += formatTaskLine(id, st.task(id)!);
        lost++;
      } else records.push({ t: 'requeue', id, a, why: 'lease' });
    }
    if (records.length) this.o.warn(`farmer ${f.id} is gone: ${records.length} task(s) it held are back in the pool`);
    if (lost) {
      this.o.warn(
        `${lost} task(s) recorded as failed: their farmer was lost while running them ${LOST_CAP} times (a task that kills its farmer?)`,
      );
    }
    return { records, failed };
  }

  /** New tasks from lines appended to the tasklist. Under the lock. */
  private checkTasklist(): Added {
    const meta = readMeta(this.l);
    if (!meta) return { records: [] };
    try {
      if (statSync(this.o.tasklist).size <= meta.bytes) return { records: [] };
      return this.appendedTasks(meta);
    } catch (err) {
      // Unreadable for a moment: look again at the next check. Edited: say so, keep going.
      if (isUsageError(err)) this.o.warn(`${(err as Error).message}; ignoring the change`);
      return { records: [] };
    }
  }

  /**
   * `add` records for the lines appended to the tasklist, and the meta that counts them, to be
   * written only after the records are in the journal (else a crash in between loses the tasks).
   */
  private appendedTasks(meta: Meta): Added {
    const added = appendedSince(meta, this.o.tasklist, this.l.dir);
    if (added.bytes.length === 0) return { records: [] };
    if (tasklistBytesProblem(added.bytes)) {
      // Name the line as an editor numbers it: count the lines before the appended ones.
      const before = readTasklist(this.o.tasklist, true)!.subarray(0, meta.bytes);
      checkTasklistBytes(this.o.tasklist, added.bytes, countNewlines(before) + 1);
    }
    const lines = parseTasklist(added.bytes.toString('utf8'));
    const records: JournalRecord[] = lines.map((line, i) => ({
      t: 'add',
      id: meta.tasks + i,
      task: this.o.handler(line, meta.tasks + i),
    }));
    return {
      records,
      meta: { ...meta, bytes: meta.bytes + added.bytes.length, sha256: added.sha256, tasks: meta.tasks + lines.length },
    };
  }

  /** Tasks of the tasklist found in none of toprocess, finished, failed: PyTaskFarmer lost them. */
  private recoverLost(tasks: string[]): JournalRecord[] {
    const known = new Set<number>();
    for (const f of [this.l.finished, this.l.failed]) {
      if (existsSync(f)) for (const id of idsOfTaskLines(readFileSync(f, 'utf8'))) known.add(id);
    }
    const out: JournalRecord[] = [];
    tasks.forEach((task, id) => {
      if (!known.has(id) && this.state.statusOf(id) === Status.Absent) out.push({ t: 'add', id, task });
    });
    if (out.length)
      this.o.warn(`recovered ${out.length} task(s) that were in no file of the workdir (lost by a crashed farmer)`);
    return out;
  }

  /**
   * Rewrites `toprocess` as the tasks not done and moves the journals to history. Only when no
   * other farmer is alive. Replaying the old journals over the new `toprocess` (a crash right
   * after the rename) changes nothing, so the two steps need no commit record. Then the attempt
   * numbers and failed attempts of the tasks left replace `carry.jsonl`: replaying the old
   * journals over the old carry file is right too, and a crash just before the new one is
   * written only forgets them (their numbering and retries start again).
   */
  private compact(): void {
    const st = this.state;
    writeFileAtomic(
      this.l.toprocess,
      taskLines((id) => (st.isNotDone(id) ? this.trusted.command(id) : undefined), st.size),
      this.fence,
    );
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const name of readdirSync(this.l.journals)) {
      this.fence.check();
      renameSync(join(this.l.journals, name), join(this.l.history, `${stamp}-${name}`));
    }
    this.ownOffset = 0;
    const carried: JournalRecord[] = [];
    for (let id = 0; id < st.size; id++) {
      const a = st.attemptOf(id);
      if (a > 0 && st.isNotDone(id)) {
        const lost = st.lostOf(id);
        carried.push({ t: 'carry', id, a, fails: st.failsOf(id), ...(lost ? { lost } : {}) });
      }
    }
    if (carried.length) writeFileAtomic(this.l.carry, [encodeRecords(carried)], this.fence);
    else {
      this.fence.check();
      rmSync(this.l.carry, { force: true });
    }
  }

  /** Appends our records to our journal and folds them into our state. */
  private write(records: JournalRecord[]): void {
    this.append(records);
    this.reader.apply(this.self, records);
  }

  private append(records: JournalRecord[]): void {
    if (records.length === 0) return;
    const text = encodeRecords(records);
    try {
      // Fenced (only while the lock is ours, in a locked section) and never through a symlink.
      appendOwn(journalPath(this.l, this.farmerId), text, this.fence);
    } catch (err) {
      // A lost lock is found before or after a whole write (rebuild() re-reads our journal);
      // any other error may have left part of the bytes.
      if (!(err instanceof LockLostError)) this.ownDirty = true;
      throw err;
    }
    this.ownOffset += Buffer.byteLength(text);
  }

  /**
   * After a failed append (the filesystem went away mid-write), our journal may hold some of
   * those records, the last one perhaps torn. Fold in the complete ones (the state must say what
   * the others will read) and end the torn line, so that our next record is not glued to it.
   */
  private repairOwnJournal(): void {
    if (!this.ownDirty) return;
    const path = journalPath(this.l, this.farmerId);
    const fd = openSync(path, READ_APPEND_NO_FOLLOW, FILE_MODE);
    try {
      const size = fstatSync(fd).size;
      if (size > this.ownOffset) {
        const { records, consumed } = decodeChunk(readRange(fd, this.ownOffset, size));
        this.reader.apply(this.self, records);
        if (this.ownOffset + consumed < size) writeSync(fd, '\n');
        this.ownOffset = fstatSync(fd).size;
      }
    } finally {
      closeSync(fd);
    }
    this.ownDirty = false;
  }

  /** Ids in the tails of `finished` and `failed`: lines a failed sync may have written. */
  private recordedIds(): Set<number> {
    const ids = idsOfTaskLines(readTail(this.l.finished, 1 << 20));
    return new Set([...ids, ...idsOfTaskLines(readTail(this.l.failed, 1 << 20))]);
  }

  /** The attempts this farmer holds according to the journals (what it should be running). */
  ownClaims(): Array<{ id: number; attempt: number }> {
    return [...this.state.claimsOf(this.self.index)].map((id) => ({ id, attempt: this.state.attemptOf(id) }));
  }

  private checkOwnJournal(): void {
    let size = -1;
    try {
      size = statSync(journalPath(this.l, this.farmerId)).size;
    } catch {
      // missing: compacted away
    }
    if (size !== this.ownOffset) {
      throw new StaleWorkdirError(
        `workdir ${this.l.dir} was compacted by another farmer while this one was presumed dead; its tasks were given to others`,
      );
    }
  }

  private traceEvent(c: Completion, outcome: Outcome): string {
    return JSON.stringify({
      name: c.task,
      cat: outcome,
      ph: 'X',
      ts: c.start * 1000,
      dur: Math.max(0, c.end - c.start) * 1000,
      pid: process.pid,
      tid: c.slot,
      args: { id: c.id, attempt: c.attempt, rc: c.rc, signal: c.signal, host, farmer: this.farmerId },
    });
  }

  /** A sample of the counter tracks under this farmer: its running tasks, and the workdir's. O(1). */
  private counterEvent(): string {
    const n = this.state.count;
    return JSON.stringify({
      name: 'tasks',
      ph: 'C',
      ts: Date.now() * 1000,
      pid: process.pid,
      args: {
        running: this.state.claimsOf(this.self.index).size,
        'running in workdir': n.claimed,
        remaining: n.pending + n.claimed,
      },
    });
  }

  /** Perfetto track names: one process per farmer (host and pid), one thread per worker slot. */
  private trackNames(): string[] {
    const out = [
      JSON.stringify({
        name: 'process_name',
        ph: 'M',
        pid: process.pid,
        args: { name: `farmer ${host}:${process.pid}` },
      }),
    ];
    for (let w = 0; w < this.o.workers; w++) {
      out.push(
        JSON.stringify({ name: 'thread_name', ph: 'M', pid: process.pid, tid: w, args: { name: `worker ${w}` } }),
      );
    }
    return out;
  }
}

/** `<id> <task>` lines for the ids `text` gives a task, ascending, produced lazily (no giant array). */
function* taskLines(text: (id: number) => string | undefined, end: number): Generator<string> {
  for (let id = 0; id < end; id++) {
    const task = text(id);
    if (task !== undefined) yield formatTaskLine(id, task);
  }
}

/** The workdir must be a writable directory, or creatable in its nearest existing parent. */
function checkWritableDir(dir: string, what: string): void {
  let p = dir;
  for (;;) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      if (isUnreachable(err)) throw err;
      const parent = dirname(p);
      if (parent === p) throw new UsageError(`${what} ${dir} cannot be created`);
      p = parent;
      continue;
    }
    if (!st.isDirectory()) {
      throw new UsageError(
        p === dir
          ? `${what} ${dir} exists and is not a directory`
          : `${what} ${dir} cannot be created: ${p} is not a directory`,
      );
    }
    try {
      accessSync(p, constants.W_OK | constants.X_OK);
    } catch {
      throw new UsageError(
        p === dir ? `${what} ${dir} is not writable` : `${what} ${dir} cannot be created: ${p} is not writable`,
      );
    }
    return;
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}
