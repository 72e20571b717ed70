import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** A file's size, 0 if it does not exist. */
export function sizeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/**
 * Which of `ids` have a `<id> …` line in a finished/failed file from byte `from` on (or, with
 * `tailMax`, in its last `tailMax` bytes if that starts later). Read in chunks, so the span can
 * be as long as it needs to be (a whole batch of long lines) without holding it in memory.
 * A torn last line (no newline) does not count.
 */
export function idsInTaskLines(path: string, from: number, ids: ReadonlySet<number>, tailMax?: number): Set<number> {
  const found = new Set<number>();
  if (ids.size === 0) return found;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return found;
  }
  try {
    const size = fstatSync(fd).size;
    let pos = Math.min(size, Math.max(from, tailMax === undefined ? 0 : size - tailMax));
    const buf = Buffer.allocUnsafe(1 << 20);
    let id = 0;
    let digits = 0;
    // Not at a line start (a tail, or an offset into a torn line): the first line is partial.
    let inId = pos === 0 || lineStartsAt(fd, pos);
    while (pos < size) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i];
        if (b === 0x0a) {
          if (digits > 0 && ids.has(id)) found.add(id);
          id = 0;
          digits = 0;
          inId = true;
        } else if (inId) {
          if (b >= 0x30 && b <= 0x39) {
            id = id * 10 + (b - 0x30);
            digits++;
          } else {
            inId = false;
            if (b !== 0x20) digits = 0;
          }
        }
      }
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

function lineStartsAt(fd: number, pos: number): boolean {
  const b = Buffer.alloc(1);
  return readSync(fd, b, 0, 1, pos - 1) === 1 && b[0] === 0x0a;
}
