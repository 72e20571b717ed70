import { statSync } from 'node:fs';
import type { Reader } from './reader.js';

/**
 * Leases and lock staleness compare times across nodes, so a clock that differs from the
 * workdir filesystem's is measured and reported, once.
 */

/**
 * Our clock minus the filesystem's, from the mtime of our journal (just written), handed to
 * `reader`; undefined when the journal cannot be read. Reports a large skew, ours and others'.
 */
export function measureClock(journal: string, reader: Reader, warn: (msg: string) => void): number | undefined {
  const stats = statSync(journal, { throwIfNoEntry: false });
  if (!stats) return undefined;
  const offset = Date.now() - stats.mtimeMs;
  reader.opts.clockOffset = offset;
  if (Math.abs(offset) > 5_000) {
    warn(
      `this host's clock differs from the workdir filesystem's by ${Math.round(offset / 1000)} s: sync the clocks (NTP); leases are judged by this farmer's own observations meanwhile`,
    );
  }
  reportSkew(reader, warn);
  return offset;
}

/** Farmers whose clock is off: reported once each, and judged by when their journal grows, not by their timestamps. */
export function reportSkew(reader: Reader, warn: (msg: string) => void): void {
  for (const [id, skew] of reader.skewed) {
    if (skew === 0) continue;
    warn(
      `farmer ${id}'s clock is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the workdir filesystem's: sync the clocks (NTP); it is judged alive by its journal growing`,
    );
    reader.skewed.set(id, 0);
  }
}
