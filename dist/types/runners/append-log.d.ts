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
export declare class AppendLog {
    private path;
    private afd;
    private rfd;
    /** The append descriptor for `path` (opened once, kept while the path stays the same). */
    open(path: string): number;
    begin(header: string): OpenFrame;
    end(f: OpenFrame): void;
    close(): void;
}
