import type { Layout } from './layout.js';
import type { Fence } from './fence.js';
/**
 * What the workdir remembers of its tasklist, to tell "lines were appended" (new tasks) from
 * "the file was edited" (ids would silently point at other commands).
 */
export interface Meta {
    version: 1;
    tasklist: string;
    /** Bytes of the tasklist turned into tasks so far. */
    bytes: number;
    /** sha256 of those bytes. */
    sha256: string;
    /** Number of tasks they hold: the next appended line gets this id. */
    tasks: number;
    created: string;
}
export declare function sha256(buf: Buffer): string;
/** The meta of a workdir made (or adopted) now from the tasklist's bytes `buf`, which hold `tasks` tasks. */
export declare function newMeta(tasklist: string, buf: Buffer, tasks: number): Meta;
export declare function readMeta(paths: Layout): Meta | undefined;
export declare function writeMeta(paths: Layout, meta: Meta, fence?: Fence): void;
/** What was appended to a tasklist since its meta was written. */
export interface Appended {
    /** The complete lines appended (a last line without its newline is left for later). */
    bytes: Buffer;
    /** sha256 of the tasklist up to the end of those lines: the next meta's. */
    sha256: string;
}
/**
 * Checks that the tasklist still starts with the bytes the workdir was made from, and returns
 * the bytes appended since, or throws a UsageError naming both files. The checked part is
 * hashed in chunks, never held whole: continuing a farm of a million tasks does not keep a
 * copy of its tasklist in memory.
 */
export declare function appendedSince(meta: Meta, tasklistPath: string, workdir: string): Appended;
