import { readTail } from './files.js';
import { idsOfTaskLines, type Layout } from './layout.js';
import type { TaskState } from './state.js';
import { idsInTaskLines, sizeOf } from './tail.js';
import type { Completion } from './workdir-types.js';

/**
 * A task's `finished`/`failed` line is written before its journal record, so that a farmer
 * dying in between leaves the line for recovery to find. The price: a line can be there while
 * its record is not, and must then not be written a second time. This knows where to look.
 */
export class WrittenLines {
  /** Lines written by a section that then failed (lost the lock): the ids, and where the files ended before. */
  private inDoubt: { ids: Set<number>; finishedSize: number; failedSize: number } | undefined;

  constructor(private readonly paths: Layout) {}

  /** Before the lines of `ids` are appended: remember where the files end. */
  writing(ids: Set<number>): void {
    this.inDoubt = { ids, finishedSize: sizeOf(this.paths.finished), failedSize: sizeOf(this.paths.failed) };
  }

  /** The journal records of those lines are written: nothing is in doubt any more. */
  settled(): void {
    this.inDoubt = undefined;
  }

  /**
   * Whether a completion's line is there already: a section that lost the lock may have
   * written it (writing()); so may a sync that failed when the workdir stopped answering
   * (`recheck`: the tails of both files are searched); and a task taken back from a farmer
   * presumed dead (only stalled) may have that farmer's line, which is then its record.
   */
  check(state: TaskState, recheck: boolean | undefined): (c: Completion) => boolean {
    const resent = recheck ? this.idsInTails() : undefined;
    const doubt = this.inDoubt;
    const written = doubt
      ? new Set([
          ...idsInTaskLines(this.paths.finished, doubt.finishedSize, doubt.ids),
          ...idsInTaskLines(this.paths.failed, doubt.failedSize, doubt.ids),
        ])
      : new Set<number>();
    const lateLine = (id: number) =>
      state.lostOf(id) > 0 && idsInTaskLines(this.paths.finished, 0, new Set([id]), 4 << 20).size > 0;
    return (c) => written.has(c.id) || resent?.has(c.id) === true || (c.ok && lateLine(c.id));
  }

  /** Ids in the tails of `finished` and `failed`: lines a failed sync may have written. */
  private idsInTails(): Set<number> {
    const ids = idsOfTaskLines(readTail(this.paths.finished, 1 << 20));
    return new Set([...ids, ...idsOfTaskLines(readTail(this.paths.failed, 1 << 20))]);
  }
}
