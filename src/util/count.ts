import { readFileSync } from 'node:fs';

/** Number of complete lines in a file (0 if it does not exist). */
export function countLines(path: string): number {
  try {
    const buf = readFileSync(path);
    let n = 0;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
}
