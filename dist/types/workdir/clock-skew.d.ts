import type { Reader } from './reader.js';
/**
 * Leases and lock staleness compare times across nodes, so a clock that differs from the
 * workdir filesystem's is measured and reported, once.
 */
/**
 * Our clock minus the filesystem's, from the mtime of our journal (just written), handed to
 * `reader`; undefined when the journal cannot be read. Reports a large skew, ours and others'.
 */
export declare function measureClock(journal: string, reader: Reader, warn: (msg: string) => void): number | undefined;
/** Farmers whose clock is off: reported once each, and judged by when their journal grows, not by their timestamps. */
export declare function reportSkew(reader: Reader, warn: (msg: string) => void): void;
