import { existsSync, readdirSync } from 'node:fs';
import { countLines } from '../util/count.js';
import { Attempts } from './attempts.js';
import { pickClaims } from './claims.js';
import { measureClock, reportSkew } from './clock-skew.js';
import { compact } from './compact.js';
import { createWorkdirFiles } from './create-workdir.js';
import { LockLostError, type Fence } from './fence.js';
import { appendJsonArray, appendLines } from './files.js';
import { helloRecord, newFarmerId } from './identity.js';
import type { JournalRecord } from './journal.js';
import { DIR_MODE, layout, type Layout } from './layout.js';
import { recordLockHold } from './lock-stats.js';
import { LockWaitAborted } from './lock.js';
import { readMeta, writeMeta } from './meta.js';
import { makeDirs } from './mkdirs.js';
import { checkOpenInputs, type CheckedInputs } from './open-checks.js';
import { OwnJournal, StaleWorkdirError } from './own-journal.js';
import { farmerGone, Reader, type FarmerInfo } from './reader.js';
import { takeBackAll } from './recovery.js';
import { LockedSections } from './sections.js';
import { checkTasklistGrowth, joiningAtStart } from './tasklist-growth.js';
import { checkCommands, ForeignCommands, type TasklistTexts } from './tasklist-texts.js';
import { appendNote, logFileOf, logTarget, type LogMode, type LogTarget } from './tasklog.js';
import { counterEvent, trackNames } from './timeline-events.js';
import type { CloseRequest, Outcome, SyncRequest, SyncResult, WorkdirOptions } from './workdir-types.js';
import { WrittenLines } from './written-lines.js';

export type * from './workdir-types.js';
export { StaleWorkdirError } from './own-journal.js';

/**
 * The on-disk protocol from a farmer's side: opening (create, adopt, recover), the locked sync
 * that records what ended and claims what runs next, heartbeats, and leaving, with the
 * compaction that brings the workdir to rest for PyTaskFarmer. Only this folder knows the
 * protocol's file names; each job this class calls on has a file of its own (the map is in
 * docs/architecture.md).
 */
export class Workdir {
  readonly paths: Layout;
  readonly farmerId = newFarmerId();
  private reader: Reader;
  private self: FarmerInfo;
  private readonly journal: OwnJournal;
  private readonly sections: LockedSections;
  /** Where a finished/failed line may be already (never written twice). */
  private readonly lines: WrittenLines;
  /** Attempts handed to the farm, and outcomes recorded by a section that lost the lock. */
  private readonly attempts = new Attempts();
  /** Our clock minus the filesystem's, from our own journal's mtime. */
  private clockOffset = 0;
  /** Records read that gave a task a command the tasklist does not have: refused at the next check. */
  private readonly foreign: ForeignCommands;
  /** Tasks finished/failed before this farmer started (from the files). */
  readonly previous = { finished: 0, failed: 0 };

  private constructor(
    private readonly options: WorkdirOptions,
    /** The tasklist's commands by id: the only ones this farmer runs. */
    private readonly trusted: TasklistTexts,
    private readonly limit?: number,
  ) {
    this.paths = layout(options.dir);
    this.journal = new OwnJournal(this.paths, this.farmerId);
    this.sections = new LockedSections(this.paths.lock, options, () => this.rebuild());
    this.lines = new WrittenLines(this.paths);
    this.foreign = new ForeignCommands(trusted, this.paths.journals);
    this.reader = this.newReader();
    this.self = this.reader.farmer(this.farmerId);
  }

  get logs(): LogMode {
    return this.options.logs ?? 'per-task';
  }

  private newReader(): Reader {
    return new Reader(this.paths, {
      warn: this.options.warn,
      limit: this.limit,
      clockOffset: this.clockOffset,
      foreign: (id, task) => this.foreign.seen(id, task),
    });
  }

  get state() {
    return this.reader.state;
  }

  get farmers(): ReadonlyMap<string, FarmerInfo> {
    return this.reader.farmers;
  }

  /** How the launcher writes an attempt's output. */
  logTarget(id: number, attempt: number, slot: number): LogTarget {
    return logTarget(this.paths, this.logs, id, attempt, this.farmerId, slot);
  }

  /** The file that holds an attempt's output ('' when output is discarded). */
  logFile(id: number, slot: number): string {
    return logFileOf(this.paths, this.logs, id, this.farmerId, slot) ?? '';
  }

  /** Text added to an attempt's output once it ended (a runner's note). */
  note(at: { id: number; attempt: number; slot: number; start: number }, text: string): void {
    appendNote(this.paths, this.logs, { ...at, farmer: this.farmerId }, text);
  }

  /**
   * Validates everything first (nothing is written when a UsageError is thrown), then, under
   * the lock: creates or adopts the workdir, recovers what crashed farmers left, and registers.
   */
  static async open(options: WorkdirOptions): Promise<Workdir> {
    const paths = layout(options.dir);
    const inputs = await checkOpenInputs(options, paths);
    for (const d of [paths.dir, paths.logs, paths.state, paths.journals, paths.history]) {
      makeDirs(d, DIR_MODE, 'workdir');
    }
    for (;;) {
      const wd = new Workdir(options, inputs.trusted, inputs.limit);
      try {
        await wd.sections.once(() => wd.start(inputs));
        return wd;
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        // What it wrote (if anything) is a journal without a hello: a farmer that died starting.
        options.warn(`${err.message}; starting again`);
      }
    }
  }

  /** The lock's fence while a locked section runs (see LockedSections): every write checks it. */
  private get fence(): Fence {
    return this.sections.fence;
  }

  /**
   * Forgets what we read and folds the workdir again from the files, our own journal
   * included. Claims our journal holds that the farm does not run (made in a section that
   * then lost the lock) are put back.
   */
  private rebuild(): void {
    const reader = this.newReader();
    const self = reader.farmer(this.farmerId);
    reader.loadBase();
    reader.poll();
    this.reader = reader;
    this.self = self;
    this.journal.offset = reader.offsetOf(this.farmerId);
    // A torn last record (an append that failed) would look like another farmer's write.
    this.checkOwnJournal();
    const back: JournalRecord[] = [];
    for (const id of reader.state.claimsOf(self.index)) {
      const a = reader.state.attemptOf(id);
      if (!this.attempts.holds(id, a)) back.push({ t: 'requeue', id, a, why: 'stop' });
    }
    this.write(back);
  }

  /** Runs under the lock at start-up, with the inputs checked and read by open(). */
  private start({ tasklist, toprocess }: CheckedInputs): void {
    const paths = this.paths;
    let meta = readMeta(paths);
    const fresh = !existsSync(paths.toprocess);
    if (fresh) meta = createWorkdirFiles(paths, this.state, this.options, tasklist, this.fence);
    else this.reader.loadBase(toprocess);
    this.reader.poll(this.farmerId);
    // Before anything is written: every command this workdir would run is the tasklist's.
    if (!fresh) checkCommands(this.state, this.trusted, paths.journals);
    const refused = this.foreign.take();
    if (refused) throw refused;
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    const live = others.filter((f) => !this.isGone(f, now));

    const joining = fresh ? { records: [] } : joiningAtStart(paths, this.state, this.options, tasklist, meta);
    const gone = others.filter((f) => this.isGone(f, now));
    const back = takeBackAll(paths, this.state, gone, this.options.warn);
    appendLines(paths.failed, back.failed, this.fence);
    this.write([...joining.records, ...back.records]);
    // Only once the tasks are in the journal: dying in between re-adds them, under the same ids.
    if (joining.meta) writeMeta(paths, joining.meta, this.fence);

    // Alone on the workdir: fold what earlier farmers left into a fresh toprocess. The state in
    // memory already reflects it, so nothing is read back; our own records moved to history.
    if (live.length === 0 && readdirSync(paths.journals).length > 0) this.compact();
    this.previous.finished = countLines(paths.finished);
    this.previous.failed = countLines(paths.failed);
    this.write([helloRecord(this.options.workers, this.options.lease, this.logs)]);
    appendJsonArray(paths.timeline, trackNames(this.options.workers), this.fence);
    this.clockOffset = measureClock(this.journal.path, this.reader, this.options.warn) ?? this.clockOffset;
  }

  /** Claims, completions and requeues in one short locked section. */
  async sync(req: SyncRequest): Promise<SyncResult> {
    return this.sections.run(() => {
      const t0 = performance.now();
      const res = this.syncLocked(req);
      recordLockHold(performance.now() - t0, res.claims.length);
      return res;
    });
  }

  private syncLocked(req: SyncRequest): SyncResult {
    this.checkOwnJournal();
    this.reader.poll(this.farmerId);
    reportSkew(this.reader, this.options.warn);
    const state = this.state;
    const me = this.self.index;
    const completions = req.completions ?? [];
    const ended = this.attempts.end(completions, req.stopped ?? [], {
      state,
      me,
      farmerId: this.farmerId,
      retries: this.options.retries,
      lineWritten: this.lines.check(state, req.recheck),
    });
    const { records, outcomes, finished, events } = ended;
    let failed = ended.failed;
    const now = Date.now();
    const gone = [...this.reader.farmers.values()].filter(
      (f) => f !== this.self && state.claimsOf(f.index).size > 0 && this.isGone(f, now),
    );
    const back = takeBackAll(this.paths, state, gone, this.options.warn);
    const reclaimed = back.records.filter((r) => r.t === 'requeue').length;
    records.push(...back.records);
    failed += back.failed;
    const added = req.checkTasklist ? checkTasklistGrowth(this.paths, this.options) : { records: [] };
    records.push(...added.records);

    // finished/failed before the journal: if we die in between, takeBack() finds the lines.
    // If the lock is lost after a line may have been written, the retry looks for it first.
    if (finished || failed) this.lines.writing(ended.lineIds);
    appendLines(this.paths.finished, finished, this.fence);
    appendLines(this.paths.failed, failed, this.fence);
    try {
      this.write(records);
    } catch (err) {
      if (err instanceof LockLostError && err.afterWrite) this.attempts.remember(completions, outcomes);
      throw err;
    }
    this.lines.settled();
    this.attempts.remember(completions, outcomes);
    if (added.meta) writeMeta(this.paths, added.meta, this.fence);

    const ctx = {
      state,
      trusted: this.trusted,
      paths: this.paths,
      fold: (r: JournalRecord) => this.reader.apply(this.self, [r]),
    };
    const { claims, records: claimRecords, refused } = pickClaims(req.want ?? 0, now, this.foreign.take(), ctx);
    this.journal.append(claimRecords, this.fence);
    // The timeline after the claims, so its counter sample shows the state this sync leaves.
    if (events.length || claims.length || reclaimed) events.push(counterEvent(state, me));
    appendJsonArray(this.paths.timeline, events, this.fence);
    // Handed out only now that every write of the section made it under our lock.
    this.attempts.settled();
    // Claims made before a refused one are in our journal but not handed to the farm: leaving
    // them out of `held` lets a rebuild or compaction put them back.
    if (refused) throw refused;
    this.attempts.handOut(claims);
    return { claims, outcomes, reclaimed };
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
      return await this.sections.run(() => this.closeLocked(req), maxWait);
    } catch (err) {
      if (!(err instanceof LockWaitAborted)) throw err;
      this.leaveWithoutLock(req);
      return (req.completions ?? []).map(() => 'retry');
    }
  }

  private closeLocked(req: CloseRequest): Outcome[] {
    try {
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
      const back = takeBackAll(this.paths, this.state, others, this.options.warn);
      appendLines(this.paths.failed, back.failed, this.fence);
      this.write(back.records);
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
    if (!this.journal.exists()) return;
    const records: JournalRecord[] = [];
    for (const s of [...(req.stopped ?? []), ...(req.completions ?? [])]) {
      if (this.attempts.holds(s.id, s.attempt)) records.push({ t: 'requeue', id: s.id, a: s.attempt, why: 'stop' });
    }
    records.push({ t: 'bye', ts: Date.now() });
    this.options.warn(
      `the workdir lock stayed held by another farmer; recorded only this farmer's stop in its journal`,
    );
    this.journal.append(records, this.fence);
  }

  private isGone(f: FarmerInfo, now: number): boolean {
    return farmerGone(f, now, this.options.lease);
  }

  private compact(): void {
    compact(this.paths, this.state, this.trusted, this.journal, this.fence);
  }

  /** Appends our records to our journal and folds them into our state. */
  private write(records: JournalRecord[]): void {
    this.journal.append(records, this.fence);
    this.reader.apply(this.self, records);
  }

  /** See OwnJournal.repair: what a failed append left is folded into our state. */
  private repairOwnJournal(): void {
    this.journal.repair((records) => this.reader.apply(this.self, records));
  }

  /** Repairs our journal, then checks that it is still ours (StaleWorkdirError: rejoin). */
  private checkOwnJournal(): void {
    this.repairOwnJournal();
    this.journal.check();
  }

  /** The attempts this farmer holds according to the journals (what it should be running). */
  ownClaims(): Array<{ id: number; attempt: number }> {
    return [...this.state.claimsOf(this.self.index)].map((id) => ({ id, attempt: this.state.attemptOf(id) }));
  }
}
