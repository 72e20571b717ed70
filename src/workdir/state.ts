import type { JournalRecord } from './journal.js';
import { TaskTexts } from './texts.js';

/**
 * A task whose farmer was lost (taken back by lease: the farmer died, or went silent) this many
 * times is recorded as failed instead of being run again: a task that kills its farmer would
 * otherwise be requeued forever.
 */
export const LOST_CAP = 3;

/** Where a task stands. `absent` ids are not part of this run (done before a compaction). */
export enum Status {
  Absent = 0,
  Pending = 1,
  Claimed = 2,
  Done = 3,
  Failed = 4,
}

/**
 * The state of every task, folded from the base (`toprocess` at the last compaction) and the
 * journal records. Applying records is order-independent: a claim of attempt `a` is current
 * only while no later attempt exists and attempt `a` was not released (requeued or retried),
 * and done/failed are terminal. So chunks of different journals can be read in any order.
 */
export class TaskState {
  /** id → command; undefined for ids not in this run. */
  private readonly texts = new TaskTexts();
  private status = new Uint8Array(1024);
  private attempt = new Uint32Array(1024);
  private released = new Uint32Array(1024);
  private owner = new Int32Array(1024).fill(-1);
  private fails = new Uint16Array(1024);
  /** id → the failed attempt a `rerun` took back (rare: a Map, not an array per task). */
  private readonly reran = new Map<number, number>();
  /** How many of its attempts were taken back from a lost farmer (saturates at 255). */
  private lost = new Uint8Array(1024);
  private readonly claimedBy = new Map<number, Set<number>>();
  /** Base ids in claim order (ascending); an Int32Array to stay small with a million tasks. */
  private order = new Int32Array(1024);
  private orderLength = 0;
  private orderSorted = true;
  private cursor = 0;
  private returned = new MinHeap();
  /** Tasks taken back from lost farmers: run after every other, so a task that kills farmers does not go first each time. */
  private deferred: number[] = [];
  private deferredAt = 0;
  /** Records about ids not (yet) in this run: an `add` in a journal read later makes them count. */
  private early = new Map<number, Array<[number, JournalRecord]>>();
  readonly count = { pending: 0, claimed: 0, done: 0, failed: 0 };

  get total(): number {
    return this.count.pending + this.count.claimed + this.count.done + this.count.failed;
  }

  statusOf(id: number): Status {
    return id < this.status.length ? this.status[id] : Status.Absent;
  }

  attemptOf(id: number): number {
    return id < this.attempt.length ? this.attempt[id] : 0;
  }

  failsOf(id: number): number {
    return id < this.fails.length ? this.fails[id] : 0;
  }

  lostOf(id: number): number {
    return id < this.lost.length ? this.lost[id] : 0;
  }

  ownerOf(id: number): number {
    return this.statusOf(id) === Status.Claimed ? this.owner[id] : -1;
  }

  /** The ids a farmer (by index) currently holds. */
  claimsOf(farmer: number): ReadonlySet<number> {
    return this.claimedBy.get(farmer) ?? new Set();
  }

  /** The command of a task; undefined for ids not in this run. */
  task(id: number): string | undefined {
    return this.texts.get(id);
  }

  /** The Buffer that addBaseRange() ranges index into: the base file as read. */
  setBaseBuffer(buf: Buffer): void {
    this.texts.setBase(buf);
  }

  /** A task of the base (`toprocess`); any order (PyTaskFarmer appends returned tasks at the end). */
  addBase(id: number, task: string): void {
    if (this.statusOf(id) !== Status.Absent) return;
    this.texts.set(id, task);
    this.markBase(id);
  }

  /** A task of the base whose command is bytes [start, end) of the base buffer. */
  addBaseRange(id: number, start: number, end: number): void {
    if (this.statusOf(id) !== Status.Absent) return;
    this.texts.setRange(id, start, end);
    this.markBase(id);
  }

  private markBase(id: number): void {
    this.ensure(id);
    this.setStatus(id, Status.Pending);
    if (this.orderLength > 0 && id < this.order[this.orderLength - 1]) this.orderSorted = false;
    if (this.orderLength === this.order.length) this.order = grow(this.order, new Int32Array(this.order.length * 2));
    this.order[this.orderLength++] = id;
  }

  /** A task that joined later (appended to the tasklist, or recovered). */
  addLate(id: number, task: string): void {
    if (this.statusOf(id) !== Status.Absent) return;
    this.ensure(id);
    this.texts.set(id, task);
    this.setStatus(id, Status.Pending);
    this.returned.push(id);
  }

  /** Folds one record written by farmer number `farmer`. */
  apply(farmer: number, r: JournalRecord): void {
    if (
      (r.t === 'claim' || r.t === 'done' || r.t === 'fail' || r.t === 'requeue' || r.t === 'carry') &&
      this.statusOf(r.id) === Status.Absent
    ) {
      const kept = this.early.get(r.id);
      if (kept) kept.push([farmer, r]);
      else this.early.set(r.id, [[farmer, r]]);
      return;
    }
    switch (r.t) {
      case 'claim':
        return this.applyClaim(farmer, r.id, r.a);
      case 'done':
        return this.finish(r.id, Status.Done);
      case 'fail':
        // A final failure that `requeue` took back is a release: its rerun record was read
        // first, or a later claim was (only a rerun makes a finally failed task claimable).
        if (r.final && ((this.reran.get(r.id) ?? -1) >= r.a || this.attemptOf(r.id) > r.a)) {
          return this.release(r.id, r.a);
        }
        if (r.final) return this.finish(r.id, Status.Failed);
        if (r.id < this.fails.length) this.fails[r.id]++;
        return this.release(r.id, r.a);
      case 'requeue':
        if (r.why === 'lease' && this.lost[r.id] < 255 && this.released[r.id] < r.a) this.lost[r.id]++;
        return this.release(r.id, r.a, r.why === 'lease');
      case 'carry':
        return this.carry(r.id, r.a, r.fails, r.lost ?? 0);
      case 'rerun':
        return this.rerun(r.id, r.a, r.task);
      case 'add': {
        this.addLate(r.id, r.task);
        const kept = this.early.get(r.id);
        this.early.delete(r.id);
        for (const [f, k] of kept ?? []) this.apply(f, k);
        return;
      }
      default:
        return;
    }
  }

  /** The next pending task, lowest returned id first, then in tasklist order; -1 if none. */
  nextPending(): number {
    if (!this.orderSorted) {
      this.order.subarray(0, this.orderLength).sort();
      this.orderSorted = true;
    }
    while (this.returned.size > 0) {
      const id = this.returned.pop();
      if (this.statusOf(id) === Status.Pending) return id;
    }
    while (this.cursor < this.orderLength) {
      const id = this.order[this.cursor++];
      if (this.statusOf(id) === Status.Pending && this.lost[id] === 0) return id;
      if (this.lost[id] > 0) this.deferred.push(id);
    }
    while (this.deferredAt < this.deferred.length) {
      const id = this.deferred[this.deferredAt++];
      if (this.statusOf(id) === Status.Pending) return id;
    }
    if (this.deferredAt > 0) {
      this.deferred = [];
      this.deferredAt = 0;
    }
    return -1;
  }

  /** Puts an id taken by nextPending() but not claimed back in front of the queue. */
  unshift(id: number): void {
    this.returned.push(id);
  }

  /** Pending or claimed: what `toprocess` holds at rest. */
  isNotDone(id: number): boolean {
    const s = this.statusOf(id);
    return s === Status.Pending || s === Status.Claimed;
  }

  /** One past the highest id ever seen. */
  get size(): number {
    return this.texts.length;
  }

  private applyClaim(farmer: number, id: number, a: number): void {
    let s = this.statusOf(id);
    // A claim after a final failure can only follow a `requeue` whose record we have not read yet.
    if (s === Status.Failed && a > this.attempt[id]) this.unfail(id, this.attempt[id]);
    s = this.statusOf(id);
    if (s === Status.Absent || s === Status.Done || s === Status.Failed) return;
    if (a <= this.attempt[id]) return;
    this.attempt[id] = a;
    if (s === Status.Claimed) this.dropClaim(id);
    if (this.released[id] >= a) {
      this.setStatus(id, Status.Pending);
      return;
    }
    this.owner[id] = farmer;
    let set = this.claimedBy.get(farmer);
    if (!set) this.claimedBy.set(farmer, (set = new Set()));
    set.add(id);
    this.setStatus(id, Status.Claimed);
  }

  /**
   * A failed task back in the pool (`taskfarmer requeue`). Known and failed at attempt `a`: it
   * is pending again; not known (it failed before the last compaction): it joins, as with `add`;
   * claimed at attempt `a` (its final `fail` not read yet): that failure will count as a release.
   */
  private rerun(id: number, a: number, task: string): void {
    this.reran.set(id, Math.max(a, this.reran.get(id) ?? 0));
    const s = this.statusOf(id);
    if (s === Status.Absent) {
      this.apply(-1, { t: 'add', id, task });
      if (a > this.attempt[id]) this.attempt[id] = a;
      if (a > this.released[id]) this.released[id] = a;
      return;
    }
    if (s === Status.Failed && this.attempt[id] <= a) this.unfail(id, a);
    else if (s === Status.Claimed && this.attempt[id] <= a) {
      this.fails[id] = 0;
      this.lost[id] = 0;
      this.release(id, this.attempt[id]);
    }
  }

  /** A rerun starts the task's counts afresh: its failures and the farmers it lost (LOST_CAP). */
  private unfail(id: number, a: number): void {
    this.fails[id] = 0;
    this.lost[id] = 0;
    if (a > this.released[id]) this.released[id] = a;
    this.setStatus(id, Status.Pending);
    this.returned.push(id);
  }

  /** A task carried over a compaction: attempts up to `a` are over, `fails` of them failed. */
  private carry(id: number, a: number, fails: number, lost: number): void {
    this.fails[id] = Math.min(0xffff, this.fails[id] + fails);
    this.lost[id] = Math.min(255, this.lost[id] + lost);
    if (a > this.attempt[id]) this.attempt[id] = a;
    if (a > this.released[id]) this.released[id] = a;
  }

  private release(id: number, a: number, lost = false): void {
    if (this.statusOf(id) === Status.Absent) return;
    if (a > this.released[id]) this.released[id] = a;
    if (this.statusOf(id) === Status.Claimed && this.attempt[id] === a) {
      this.dropClaim(id);
      this.setStatus(id, Status.Pending);
      if (lost) this.deferred.push(id);
      else this.returned.push(id);
    }
  }

  private finish(id: number, to: Status): void {
    const s = this.statusOf(id);
    if (s === Status.Absent || s === Status.Done || s === Status.Failed) return;
    if (s === Status.Claimed) this.dropClaim(id);
    this.setStatus(id, to);
  }

  private dropClaim(id: number): void {
    this.claimedBy.get(this.owner[id])?.delete(id);
    this.owner[id] = -1;
  }

  private setStatus(id: number, to: Status): void {
    const from = this.status[id] as Status;
    if (from !== Status.Absent) this.count[key(from)]--;
    if (to !== Status.Absent) this.count[key(to)]++;
    this.status[id] = to;
  }

  private ensure(id: number): void {
    if (id < this.status.length) return;
    let size = this.status.length;
    while (size <= id) size *= 2;
    this.status = grow(this.status, new Uint8Array(size));
    this.attempt = grow(this.attempt, new Uint32Array(size));
    this.released = grow(this.released, new Uint32Array(size));
    this.owner = grow(this.owner, new Int32Array(size).fill(-1));
    this.fails = grow(this.fails, new Uint16Array(size));
    this.lost = grow(this.lost, new Uint8Array(size));
  }
}

function key(s: Status): 'pending' | 'claimed' | 'done' | 'failed' {
  return s === Status.Pending ? 'pending' : s === Status.Claimed ? 'claimed' : s === Status.Done ? 'done' : 'failed';
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/** A binary min-heap of ids (requeued tasks are retried lowest id first). */
class MinHeap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r] < a[l] ? r : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
