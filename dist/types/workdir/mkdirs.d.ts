/**
 * Creates `dir` and its missing parents one level at a time, and says in one line why one
 * cannot be made. Node's `mkdirSync(…, { recursive: true })` never returns under /proc or
 * /sys (mkdir there fails with ENOENT, the parent exists, and it tries again forever, at 100%
 * CPU and deaf to SIGTERM since the loop is synchronous).
 */
export declare function makeDirs(dir: string, mode: number, what: string): void;
