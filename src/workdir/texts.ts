/**
 * The command of every task, kept compactly. A million tasks held as a million strings cost
 * about 2.5× their bytes (a string header each, plus the decoded copy of the whole file they
 * were cut from); here the tasks of the base file (the tasklist on a fresh start, `toprocess`
 * when continuing) stay the byte ranges of that one file's Buffer, decoded when a task is
 * claimed. Tasks that joined later (appended lines, recovered tasks, a handler's output) are
 * strings.
 */
export class TaskTexts {
  private base: Buffer = Buffer.alloc(0);
  /** Byte range of a base task, start + 1 (0: not a base task). */
  private starts: Uint32Array = new Uint32Array(1024);
  private ends: Uint32Array = new Uint32Array(1024);
  private readonly strings = new Map<number, string>();
  private end = 0;

  /** The Buffer the ranges given to setRange() index into (one per state). */
  setBase(buf: Buffer): void {
    this.base = buf;
  }

  setRange(id: number, start: number, end: number): void {
    if (id >= this.starts.length) {
      let n = this.starts.length;
      while (n <= id) n *= 2;
      this.starts = grow(this.starts, n);
      this.ends = grow(this.ends, n);
    }
    this.starts[id] = start + 1;
    this.ends[id] = end;
    this.strings.delete(id);
    if (id >= this.end) this.end = id + 1;
  }

  set(id: number, text: string): void {
    this.strings.set(id, text);
    if (id < this.starts.length) this.starts[id] = 0;
    if (id >= this.end) this.end = id + 1;
  }

  get(id: number): string | undefined {
    const s = id < this.starts.length ? this.starts[id] : 0;
    return s ? this.base.toString('utf8', s - 1, this.ends[id]) : this.strings.get(id);
  }

  /** One past the highest id set. */
  get length(): number {
    return this.end;
  }
}

function grow(a: Uint32Array, n: number): Uint32Array {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}
