/**
 * Opens the tasklist for reading, refusing anything but a regular file. A FIFO with no writer
 * blocks open() — in Node's main thread, where no signal handler can run, so SIGTERM and
 * SIGINT were ignored until someone wrote to it. O_NONBLOCK makes such an open return at once
 * (it has no effect on reading a regular file), and fstat then says what it really is.
 */
export declare function openTasklist(path: string): number;
/** The tasklist's bytes (`whole`), or only a check that it is a readable file; a UsageError if not. */
export declare function readTasklist(path: string, whole: boolean): Buffer | undefined;
/** How long a tasklist must have been left alone for a last line without a newline to count. */
export declare const QUIET_MS = 2000;
/**
 * The bytes of the tasklist a fresh workdir is made from. A last line without its newline is
 * either complete (editors often save without one) or still being written (a generator, a
 * copy in progress): it counts only once the file has not changed for QUIET_MS. A file changed
 * more recently is looked at again when it has been quiet that long, waiting at most QUIET_MS;
 * if it changed again meanwhile, the unfinished line is left out, and becomes a task like any
 * appended line once its newline arrives.
 */
export declare function settledTasklist(path: string, buf: Buffer): Promise<{
    buf: Buffer;
    upTo: number;
}>;
/** A UsageError naming the tasklist's line if its bytes cannot be run as they are. */
export declare function checkTasklistBytes(path: string, buf: Buffer, firstLine?: number): void;
