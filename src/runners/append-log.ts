import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { APPEND_NO_FOLLOW } from '../util/no-follow.js';

/** A frame begun in an append-mode log: where the output starts, and the size slot. */
export interface OpenFrame {
  out: number;
  slot: number;
  width: number;
}

/**
 * What launcher.pl does with an append-mode log ("a"), for machines without perl: the file
 * stays open between tasks; a frame header is written before each task, and once the task
 * has ended a newline is added if its output lacks one, then its size fills the header's run
 * of `?`. Two descriptors: a positioned write to an O_APPEND file appends on Linux.
 */
export class AppendLog {
  private path: string | undefined;
  private afd = -1;
  private rfd = -1;

  /** The append descriptor for `path` (opened once, kept while the path stays the same). */
  open(path: string): number {
    if (this.path === path) return this.afd;
    this.close();
    // Never through a symlink planted in the workdir.
    const afd = openSync(path, APPEND_NO_FOLLOW, 0o644);
    try {
      this.rfd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW);
    } catch (err) {
      closeSync(afd);
      throw err;
    }
    this.afd = afd;
    this.path = path;
    return afd;
  }

  begin(header: string): OpenFrame {
    const at = fstatSync(this.afd).size;
    writeSync(this.afd, header);
    const slot = header.indexOf('?');
    let width = 0;
    while (header[slot + width] === '?') width++;
    return { out: at + Buffer.byteLength(header), slot: at + slot, width };
  }

  end(f: OpenFrame): void {
    const size = fstatSync(this.afd).size;
    const n = size - f.out;
    if (n > 0) {
      const last = Buffer.alloc(1);
      readSync(this.rfd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(this.afd, '\n');
    }
    writeSync(this.rfd, String(n).padStart(f.width), f.slot);
  }

  close(): void {
    if (this.path === undefined) return;
    closeSync(this.afd);
    closeSync(this.rfd);
    this.path = undefined;
  }
}
