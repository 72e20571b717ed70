import type { JournalRecord } from './journal.js';
import { formatTaskLine } from './layout.js';
import type { TaskState } from './state.js';
import { attemptEvent } from './timeline-events.js';
import type { Claim, Completion, Outcome } from './workdir-types.js';

/** What the attempts a sync reports become; the lines are written before the records. */
export interface Ended {
  records: JournalRecord[];
  /** One per completion, in order. */
  outcomes: Outcome[];
  /** Lines for `finished` and for `failed`. */
  finished: string;
  failed: string;
  /** The ids whose line is in `finished` or `failed` above. */
  lineIds: Set<number>;
  /** Timeline spans of the attempts recorded. */
  events: string[];
}

export interface EndContext {
  state: TaskState;
  /** This farmer's index in `state`. */
  me: number;
  farmerId: string;
  /** Extra attempts for a failing task. */
  retries: number;
  /** Whether a completion's line is in `finished`/`failed` already (see WrittenLines). */
  lineWritten: (c: Completion) => boolean;
}

/**
 * This farmer's attempts across locked sections that can fail part-way: those handed to the
 * farm and not yet ended, and outcomes a section wrote to our journal before it lost the lock
 * (the retried section reports them instead of recording them twice).
 */
export class Attempts {
  /** Attempts handed to the farm and not yet ended: id → attempt. */
  private readonly held = new Map<number, number>();
  /** Outcomes whose journal records were written in a section that then lost the lock. */
  private readonly recorded = new Map<string, Outcome>();

  /** True while attempt `attempt` of task `id` is handed out and not reported ended. */
  holds(id: number, attempt: number): boolean {
    return this.held.get(id) === attempt;
  }

  /**
   * What ended and stopped attempts become, under the lock. An outcome recorded before is
   * reported as it was. An attempt whose claim is no longer ours (taken back while we were
   * presumed dead) is fenced. Otherwise: a `done` or `fail` record (final when no retry is
   * left), its line unless it is there already, and its span. A stopped attempt still ours
   * goes back to the pool (`requeue`: no retry used).
   */
  end(completions: Completion[], stopped: Array<{ id: number; attempt: number }>, ctx: EndContext): Ended {
    const { state, me } = ctx;
    const out: Ended = { records: [], outcomes: [], finished: '', failed: '', lineIds: new Set(), events: [] };
    for (const c of completions) {
      const key = `${c.id}:${c.attempt}`;
      const already = this.recorded.get(key);
      if (already) {
        this.recorded.delete(key);
        this.held.delete(c.id);
        out.outcomes.push(already);
        continue;
      }
      if (state.ownerOf(c.id) !== me || state.attemptOf(c.id) !== c.attempt) {
        if (this.held.get(c.id) === c.attempt) this.held.delete(c.id);
        out.outcomes.push('fenced');
        continue;
      }
      this.held.delete(c.id);
      const line = ctx.lineWritten(c) ? '' : formatTaskLine(c.id, c.task);
      if (line) out.lineIds.add(c.id);
      if (c.ok) {
        out.records.push({ t: 'done', id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot });
        out.finished += line;
        out.outcomes.push('done');
      } else {
        const final = state.failsOf(c.id) + 1 > ctx.retries;
        const how = { rc: c.rc, sig: c.signal, to: c.timedOut, final };
        out.records.push({ t: 'fail', id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot, ...how });
        if (final) out.failed += line;
        out.outcomes.push(final ? 'failed' : 'retry');
      }
      out.events.push(attemptEvent(c, out.outcomes[out.outcomes.length - 1], ctx.farmerId));
    }
    for (const s of stopped) {
      if (this.held.get(s.id) === s.attempt) this.held.delete(s.id);
      if (state.ownerOf(s.id) === me && state.attemptOf(s.id) === s.attempt)
        out.records.push({ t: 'requeue', id: s.id, a: s.attempt, why: 'stop' });
    }
    return out;
  }

  /** Outcomes now in our journal: a retried section reports them instead of recording again. */
  remember(completions: Completion[], outcomes: Outcome[]): void {
    completions.forEach((c, i) => {
      if (outcomes[i] !== 'fenced') this.recorded.set(`${c.id}:${c.attempt}`, outcomes[i]);
    });
  }

  /** Every write of the section made it under our lock: its outcomes are final. */
  settled(): void {
    this.recorded.clear();
  }

  /** Claims handed to the farm: attempts it now runs. */
  handOut(claims: Claim[]): void {
    for (const c of claims) this.held.set(c.id, c.attempt);
  }
}
