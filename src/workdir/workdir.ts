import { existsSync, readdirSync } from 'node:fs';
import { countLines } from '../util/count.js';
import { UsageError } from '../util/errors.js';
import { parseTasklist } from '../tasklist/parse.js';
import { measureClock, reportSkew } from './clock-skew.js';
import { compact } from './compact.js';
import { createWorkdirFiles } from './create-workdir.js';
import { LockLostError, NO_FENCE, type Fence } from './fence.js';
import { appendJsonArray, appendLines, readTail } from './files.js';
import { helloRecord, newFarmerId } from './identity.js';
import type { JournalRecord } from './journal.js';
import { DIR_MODE, formatTaskLine, idsOfTaskLines, layout, type Layout } from './layout.js';
import { LockWaitAborted, withLock } from './lock.js';
import { recordLockHold } from './lock-stats.js';
import { newMeta, readMeta, writeMeta, type Meta } from './meta.js';
import { makeDirs } from './mkdirs.js';
import { checkOpenInputs, type CheckedInputs } from './open-checks.js';
import { OwnJournal, StaleWorkdirError } from './own-journal.js';
import { farmerGone, Reader, type FarmerInfo } from './reader.js';
import { recoverLost, takeBackAll } from './recovery.js';
import { idsInTaskLines, sizeOf } from './tail.js';
import { appendedTasks, checkTasklistGrowth } from './tasklist-growth.js';
import { checkCommands, commandProblem, type TasklistTexts } from './tasklist-texts.js';
import { appendNote, logFileOf, logTarget, type LogMode, type LogTarget } from './tasklog.js';
import { attemptEvent, counterEvent, trackNames } from './timeline-events.js';
import type {
  Claim,
  CloseRequest,
  Completion,
  Outcome,
  SyncRequest,
  SyncResult,
  WorkdirOptions,
} from './workdir-types.js';

export type {
  Claim,
  CloseRequest,
  Completion,
  Outcome,
  SyncRequest,
  SyncResult,
  WorkdirOptions,
} from './workdir-types.js';
export { StaleWorkdirError } from './own-journal.js';

/**
 * The on-disk protocol from a farmer's side: opening (create, adopt, recover), claiming and
 * recording under the lock, heartbeats, and the compaction that leaves a PyTaskFarmer-readable
 * workdir at rest. Only this folder knows the protocol's file names. The jobs it calls on have
 * files of their own: open-checks.ts (inputs, before anything is written), recovery.ts (gone
 * farmers, lost tasks), own-journal.ts (our journal; a farmer compacted away while presumed
 * dead), compact.ts, create-workdir.ts, tasklist-growth.ts, timeline-events.ts, clock-skew.ts.
 */
export class Workdir {
  readonly paths: Layout;
  readonly farmerId = newFarmerId();
  private reader: Reader;
  private self: FarmerInfo;
  private readonly journal: OwnJournal;
  /** The lock's fence while a locked section runs: every write checks it. */
  private fence: Fence = NO_FENCE;
  /** The lock was taken from us mid-section: what we read may be stale, read it all again. */
  private resync = false;
  /** Attempts handed to the farm and not yet ended: id → attempt. */
  private readonly held = new Map<number, number>();
  /** Outcomes whose journal records were written in a section that then lost the lock. */
  private readonly recorded = new Map<string, Outcome>();
  /** Completions whose finished/failed lines may have been written when the lock was lost. */
  private inDoubt: { ids: Set<number>; finishedSize: number; failedSize: number } | undefined;
  /** Our clock minus the filesystem's, from our own journal's mtime. */
  private clockOffset = 0;
  /** What is wrong with a journal record that gave a task outside the tasklist a command. */
  private foreign: string | undefined;
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
    return problem ? new UsageError(`a journal in ${this.paths.journals} ${problem}; refusing to run it`) : undefined;
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
        await withLock(paths.lock, wd.lockOptions(), (fence) => wd.inSection(fence, () => wd.start(inputs)));
        return wd;
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        // What it wrote (if anything) is a journal without a hello: a farmer that died starting.
        options.warn(`${err.message}; starting again`);
      }
    }
  }

  private lockOptions(maxWait?: number) {
    return {
      stale: this.options.lockStale,
      onCompromised: (err: Error) => this.options.warn(`workdir lock: ${err.message}`),
      signal: this.options.signal,
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
        return await withLock(this.paths.lock, this.lockOptions(maxWait), (fence) =>
          this.inSection(fence, () => {
            if (this.resync) this.rebuild();
            return fn();
          }),
        );
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        this.resync = true;
        this.options.warn(`${err.message}; reading the workdir again`);
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
    this.journal.offset = reader.offsetOf(this.farmerId);
    // A torn last record (an append that failed) would look like another farmer's write.
    this.checkOwnJournal();
    const back: JournalRecord[] = [];
    for (const id of reader.state.claimsOf(self.index)) {
      const a = reader.state.attemptOf(id);
      if (this.held.get(id) !== a) back.push({ t: 'requeue', id, a, why: 'stop' });
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
    const refused = this.refuseForeign();
    if (refused) throw refused;
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    const live = others.filter((f) => !this.isGone(f, now));

    const records: JournalRecord[] = [];
    let laterMeta: Meta | undefined;
    if (!meta) {
      // A workdir PyTaskFarmer made: adopt it, and recover tasks it lost (popped, never recorded).
      const all = parseTasklist(tasklist.toString('utf8'));
      laterMeta = newMeta(this.options.tasklist, tasklist, all.length);
      const commands = all.map((line, id) => this.options.handler(line, id));
      records.push(...recoverLost(paths, this.state, commands, this.options.warn));
    } else if (!fresh) {
      // Tasks appended to the tasklist since the workdir was made become new tasks.
      const added = appendedTasks(paths, this.options, meta);
      records.push(...added.records);
      laterMeta = added.meta;
    }
    const gone = others.filter((f) => this.isGone(f, now));
    const back = takeBackAll(paths, this.state, gone, this.options.warn);
    records.push(...back.records);
    appendLines(paths.failed, back.failed, this.fence);
    this.write(records);
    // Only once the tasks are in the journal: dying in between re-adds them, under the same ids.
    if (laterMeta) writeMeta(paths, laterMeta, this.fence);

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
    return this.locked(() => {
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
    const records: JournalRecord[] = [];
    const outcomes: Outcome[] = [];
    let finished = '';
    let failed = '';
    const events: string[] = [];
    const lineWritten = this.lineWritten(req.recheck);
    const lineIds = new Set<number>();

    for (const c of req.completions ?? []) {
      const key = `${c.id}:${c.attempt}`;
      const already = this.recorded.get(key);
      if (already) {
        this.recorded.delete(key);
        this.held.delete(c.id);
        outcomes.push(already);
        continue;
      }
      if (state.ownerOf(c.id) !== me || state.attemptOf(c.id) !== c.attempt) {
        if (this.held.get(c.id) === c.attempt) this.held.delete(c.id);
        outcomes.push('fenced');
        continue;
      }
      this.held.delete(c.id);
      const line = lineWritten(c) ? '' : formatTaskLine(c.id, c.task);
      if (line) lineIds.add(c.id);
      if (c.ok) {
        records.push({ t: 'done', id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot });
        finished += line;
        outcomes.push('done');
      } else {
        const final = state.failsOf(c.id) + 1 > this.options.retries;
        const ended = { rc: c.rc, sig: c.signal, to: c.timedOut, final };
        records.push({ t: 'fail', id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot, ...ended });
        if (final) failed += line;
        outcomes.push(final ? 'failed' : 'retry');
      }
      events.push(attemptEvent(c, outcomes[outcomes.length - 1], this.farmerId));
    }
    for (const s of req.stopped ?? []) {
      if (this.held.get(s.id) === s.attempt) this.held.delete(s.id);
      if (state.ownerOf(s.id) === me && state.attemptOf(s.id) === s.attempt)
        records.push({ t: 'requeue', id: s.id, a: s.attempt, why: 'stop' });
    }
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
    if (finished || failed) {
      const sizes = { finishedSize: sizeOf(this.paths.finished), failedSize: sizeOf(this.paths.failed) };
      this.inDoubt = { ids: lineIds, ...sizes };
    }
    appendLines(this.paths.finished, finished, this.fence);
    appendLines(this.paths.failed, failed, this.fence);
    try {
      this.write(records);
    } catch (err) {
      if (err instanceof LockLostError && err.afterWrite) this.remember(req.completions ?? [], outcomes);
      throw err;
    }
    this.inDoubt = undefined;
    this.remember(req.completions ?? [], outcomes);
    if (added.meta) writeMeta(this.paths, added.meta, this.fence);

    const { claims, refused } = this.claim(req.want ?? 0, now);
    // The timeline after the claims, so its counter sample shows the state this sync leaves.
    if (events.length || claims.length || reclaimed) events.push(counterEvent(state, me));
    appendJsonArray(this.paths.timeline, events, this.fence);
    // Handed out only now that every write of the section made it under our lock.
    this.recorded.clear();
    // Claims made before a refused one are in our journal but not handed to the farm: leaving
    // them out of `held` lets a rebuild or compaction put them back.
    if (refused) throw refused;
    for (const c of claims) this.held.set(c.id, c.attempt);
    return { claims, outcomes, reclaimed };
  }

  /**
   * Whether a completion's `finished`/`failed` line is there already, so it must not be
   * written again: a section that lost the lock may have written it (inDoubt); a resend after
   * the workdir stopped answering mid-sync (`recheck`) may have; and a task taken back from a
   * farmer presumed dead, only stalled, may have its line from that farmer, which is its record.
   */
  private lineWritten(recheck: boolean | undefined): (c: Completion) => boolean {
    const resent = recheck ? this.recordedIds() : undefined;
    const doubt = this.inDoubt;
    const written = doubt
      ? new Set([
          ...idsInTaskLines(this.paths.finished, doubt.finishedSize, doubt.ids),
          ...idsInTaskLines(this.paths.failed, doubt.failedSize, doubt.ids),
        ])
      : new Set<number>();
    const lateLine = (id: number) =>
      this.state.lostOf(id) > 0 && idsInTaskLines(this.paths.finished, 0, new Set([id]), 4 << 20).size > 0;
    return (c) => written.has(c.id) || resent?.has(c.id) === true || (c.ok && lateLine(c.id));
  }

  /** Claims up to `want` tasks (claim records appended, not yet handed out), or says why it stopped. */
  private claim(want: number, now: number): { claims: Claim[]; refused: UsageError | undefined } {
    const state = this.state;
    const claims: Claim[] = [];
    const claimRecords: JournalRecord[] = [];
    let refused = this.refuseForeign();
    const fo = sizeOf(this.paths.finished);
    const xo = sizeOf(this.paths.failed);
    for (let i = 0; !refused && i < want; i++) {
      const id = state.nextPending();
      if (id < 0) break;
      // Only the tasklist's command runs; another text (written into a journal since we
      // started) stops the farm rather than run it.
      const task = this.trusted.command(id);
      if (task === undefined || task !== state.task(id)) {
        const problem = commandProblem(this.trusted, id, state.task(id) ?? '');
        refused = new UsageError(`a journal in ${this.paths.journals} ${problem}; refusing to run it`);
        break;
      }
      const a = state.attemptOf(id) + 1;
      const record: JournalRecord = { t: 'claim', id, a, ts: now, fo, xo };
      // Folded at once, so the same id cannot be handed out twice in one batch.
      this.reader.apply(this.self, [record]);
      claimRecords.push(record);
      claims.push({ id, attempt: a, task });
    }
    this.journal.append(claimRecords, this.fence);
    return { claims, refused };
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
      if (this.held.get(s.id) === s.attempt) records.push({ t: 'requeue', id: s.id, a: s.attempt, why: 'stop' });
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

  /** Ids in the tails of `finished` and `failed`: lines a failed sync may have written. */
  private recordedIds(): Set<number> {
    const ids = idsOfTaskLines(readTail(this.paths.finished, 1 << 20));
    return new Set([...ids, ...idsOfTaskLines(readTail(this.paths.failed, 1 << 20))]);
  }

  /** The attempts this farmer holds according to the journals (what it should be running). */
  ownClaims(): Array<{ id: number; attempt: number }> {
    return [...this.state.claimsOf(this.self.index)].map((id) => ({ id, attempt: this.state.attemptOf(id) }));
  }
}
