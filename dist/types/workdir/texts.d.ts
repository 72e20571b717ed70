/**
 * The command of every task, kept compactly. A million tasks held as a million strings cost
 * about 2.5× their bytes (a string header each, plus the decoded copy of the whole file they
 * were cut from); here the tasks of the base file (the tasklist on a fresh start, `toprocess`
 * when continuing) stay the byte ranges of that one file's Buffer, decoded when a task is
 * claimed. Tasks that joined later (appended lines, recovered tasks, a handler's output) are
 * strings.
 */
export declare class TaskTexts {
    private base;
    /** Byte range of a base task, start + 1 (0: not a base task). */
    private starts;
    private ends;
    private readonly strings;
    private end;
    /** The Buffer the ranges given to setRange() index into (one per state). */
    setBase(buf: Buffer): void;
    setRange(id: number, start: number, end: number): void;
    set(id: number, text: string): void;
    get(id: number): string | undefined;
    /** One past the highest id set. */
    get length(): number;
}
