/** A file's size, 0 if it does not exist. */
export declare function sizeOf(path: string): number;
/**
 * Which of `ids` have a `<id> …` line in a finished/failed file from byte `from` on (or, with
 * `tailMax`, in its last `tailMax` bytes if that starts later). Read in chunks, so the span can
 * be as long as it needs to be (a whole batch of long lines) without holding it in memory.
 * A torn last line (no newline) does not count.
 */
export declare function idsInTaskLines(path: string, from: number, ids: ReadonlySet<number>, tailMax?: number): Set<number>;
