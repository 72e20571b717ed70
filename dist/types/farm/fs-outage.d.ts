/** Thrown (as the farm's fatal error) when the workdir stayed unreachable past `--fs-wait`. */
export declare class WorkdirGoneError extends Error {
}
/**
 * A workdir that stopped answering (ENOTCONN, EIO, ESTALE… see fs-errors.ts): the farmer stops
 * starting tasks and retries every second, saying so once; when the filesystem answers again it
 * says so and goes on; after `limitMs` it gives up (exit 74). Running tasks are left running
 * meanwhile: a short outage (a server restart) should cost nothing.
 */
export declare class FsOutage {
    private readonly dir;
    private readonly limitMs;
    private readonly warn;
    private since;
    private code;
    constructor(dir: string, limitMs: number, warn: (message: string) => void);
    /** True while the workdir is known not to answer. */
    get waiting(): boolean;
    /**
     * An error from the workdir. Returns undefined when the farmer should wait and retry, or the
     * error to stop on: the original one if it is no outage (a full disk), or a WorkdirGoneError
     * once the outage lasted longer than the limit.
     */
    failed(err: unknown, now?: number): Error | undefined;
    /** The workdir answered: end of the outage, if there was one. */
    ok(now?: number): void;
}
