/**
 * Every file name of the on-disk protocol, in one place. PyTaskFarmer's files sit at the top
 * of the workdir; our extra state lives in the hidden `.taskfarmer/` folder, which PyTaskFarmer
 * never reads.
 */
export interface Layout {
    dir: string;
    toprocess: string;
    finished: string;
    failed: string;
    timeline: string;
    logs: string;
    state: string;
    meta: string;
    lock: string;
    journals: string;
    history: string;
    /** `carry` records: what the last compaction kept of the tasks left (see journal.ts). */
    carry: string;
}
export declare function layout(dir: string): Layout;
export declare function journalPath(paths: Layout, farmerId: string): string;
/** A journal file and the farmer that wrote it; `active` while in `journal/`, not yet in `history/`. */
export interface JournalFile {
    farmer: string;
    path: string;
    active: boolean;
}
/**
 * Every journal of the workdir, oldest first: history (`<stamp>-<farmer>.jsonl`, in stamp
 * order), then the active journals. Reports fold them for per-task history.
 */
export declare function listJournals(paths: Layout): JournalFile[];
/** Files we create are never writable by other users, whatever the umask. */
export declare const FILE_MODE = 420;
export declare const DIR_MODE = 493;
/** `<id> <task>` lines, as PyTaskFarmer writes toprocess, finished and failed. */
export declare function formatTaskLine(id: number, task: string): string;
/**
 * Calls `fn` for each `<id> <task>` line of a file's bytes; a line that does not start with an
 * id is reported by number. Works on the Buffer so that each task is its own small string (no
 * slice of a huge parent string kept alive), and without `fn` it only validates, allocating
 * nothing: this matters with a million tasks.
 */
export declare function forEachTaskLine(buf: Buffer, file: string, fn?: (id: number, task: string) => void, opts?: {
    lenient?: boolean;
}): void;
/** forEachTaskLine, giving the byte range [start, end) of each task instead of decoding it. */
export declare function forEachTaskLineRange(buf: Buffer, file: string, fn?: (id: number, start: number, end: number) => void, opts?: {
    lenient?: boolean;
}): void;
/** Parses `<id> <task>` lines into pairs (for small files and tests). */
export declare function parseTaskLines(text: string, file: string): Array<[number, string]>;
/** The ids in a finished/failed file (a torn last line without its newline is skipped). */
export declare function idsOfTaskLines(text: string): number[];
