/** Flags to append to a file, creating it if missing, never through a symlink. */
export declare const APPEND_NO_FOLLOW: number;
/** APPEND_NO_FOLLOW, readable too (to find the last complete line before appending). */
export declare const READ_APPEND_NO_FOLLOW: number;
/**
 * A new, empty file of our own at `path`, replacing whatever was there: the old entry is
 * unlinked (a symlink or hard link goes, its target untouched) and the file is created
 * exclusively, so one planted again in between makes the open fail instead of being used.
 */
export declare function createFresh(path: string, mode: number): number;
/** Creates `path` with `text` unless something is there already (which is left alone). */
export declare function createIfAbsent(path: string, text: string, mode: number): void;
/** appendFileSync, never through a symlink. */
export declare function appendNoFollow(path: string, text: string, mode?: number): void;
