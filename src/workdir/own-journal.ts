import { closeSync, existsSync, fstatSync, openSync, statSync, writeSync } from 'node:fs';
import { READ_APPEND_NO_FOLLOW } from '../util/no-follow.js';
import { appendOwn, readRange } from './files.js';
import { LockLostError, type Fence } from './fence.js';
import { decodeChunk, encodeRecords, type JournalRecord } from './journal.js';
import { FILE_MODE, journalPath, type Layout } from './layout.js';

/** Thrown when another farmer compacted the workdir while this one was presumed dead. */
export class StaleWorkdirError extends Error {}

/**
 * A farmer's own journal. Nobody else writes it, so an append needs the lock only to be
 * fenced (heartbeats and a stop that cannot get the lock append without it). It knows how many
 * bytes this farmer wrote, which tells two accidents apart: an append that failed part-way
 * (repair() folds what made it and ends the torn line) and a journal that is not ours any more
 * (check(): another farmer compacted it away while we were presumed dead; the farm rejoins as
 * a new farmer).
 */
export class OwnJournal {
  readonly path: string;
  /** Bytes we wrote to it (all folded into our state). */
  offset = 0;
  /** An append failed: it may have left part of its bytes (see repair). */
  private dirty = false;

  constructor(
    private readonly paths: Layout,
    farmerId: string,
  ) {
    this.path = journalPath(paths, farmerId);
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  append(records: JournalRecord[], fence: Fence): void {
    if (records.length === 0) return;
    const text = encodeRecords(records);
    try {
      // Fenced (only while the lock is ours, in a locked section) and never through a symlink.
      appendOwn(this.path, text, fence);
    } catch (err) {
      // A lost lock is found before or after a whole write (a rebuild re-reads our journal);
      // any other error may have left part of the bytes.
      if (!(err instanceof LockLostError)) this.dirty = true;
      throw err;
    }
    this.offset += Buffer.byteLength(text);
  }

  /**
   * After a failed append (the filesystem went away mid-write), our journal may hold some of
   * those records, the last one perhaps torn. `fold` gets the complete ones (the state must say
   * what the others will read) and the torn line is ended, so that our next record is not
   * glued to it.
   */
  repair(fold: (records: JournalRecord[]) => void): void {
    if (!this.dirty) return;
    const fd = openSync(this.path, READ_APPEND_NO_FOLLOW, FILE_MODE);
    try {
      const size = fstatSync(fd).size;
      if (size > this.offset) {
        const { records, consumed } = decodeChunk(readRange(fd, this.offset, size));
        fold(records);
        if (this.offset + consumed < size) writeSync(fd, '\n');
        this.offset = fstatSync(fd).size;
      }
    } finally {
      closeSync(fd);
    }
    this.dirty = false;
  }

  /** Throws StaleWorkdirError when our journal is gone or holds bytes we did not write. */
  check(): void {
    let size = -1;
    try {
      size = statSync(this.path).size;
    } catch (err) {
      // Missing: compacted away. Any other error (ENOTCONN while a GlusterFS brick or an NFS
      // server is away) says nothing about our journal: the farm waits the outage out rather
      // than rejoin, which would fail on the same unreachable workdir.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (size !== this.offset) {
      throw new StaleWorkdirError(
        `workdir ${this.paths.dir} was compacted by another farmer while this one was presumed dead; its tasks were given to others`,
      );
    }
  }
}
