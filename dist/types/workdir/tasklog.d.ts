import { type Layout } from './layout.js';
export type LogMode = 'per-task' | 'per-worker' | 'none';
export declare const LOG_MODES: readonly LogMode[];
/** How the launcher opens the log: truncate (one file per attempt) or append a frame. */
export interface LogTarget {
    path: string;
    append: boolean;
    /** With `append`: the frame header, whose `?` run the launcher fills with the output's size. */
    header: string;
}
export declare const SLOT_WIDTH = 12;
export declare const HEADER_MAX = 128;
export declare function perTaskLogPath(paths: Layout, id: number): string;
export declare function workerLogPath(paths: Layout, farmer: string, slot: number): string;
/** Per-worker log names: `worker_<farmer>_<slot>` (the slot is after the last `_`). */
export declare function isWorkerLogName(name: string): boolean;
/** The file that holds an attempt's output in `mode` (undefined for `none`). */
export declare function logFileOf(paths: Layout, mode: LogMode, id: number, farmer: string, slot: number): string | undefined;
/** What the launcher is told for one attempt. */
export declare function logTarget(paths: Layout, mode: LogMode, id: number, attempt: number, farmer: string, slot: number): LogTarget;
/** A header whose size slot the launcher fills in (`bytes` undefined), or a complete one. */
export declare function frameHeader(id: number, attempt: number, start: number, bytes?: number): string;
/** A whole frame, for text the farmer itself adds to an attempt's output (a note after it ended). */
export declare function completeFrame(id: number, attempt: number, start: number, text: string): string;
export interface FrameHeader {
    id: number;
    attempt: number;
    start: number;
    /** Output bytes; undefined while the slot is unfilled (running, or its writer died). */
    bytes: number | undefined;
    /** Length of the header line. */
    length: number;
}
/** Parses the header at the start of `buf`, or undefined if there is none (or it is torn). */
export declare function parseFrameHeader(buf: Buffer): FrameHeader | undefined;
/** Where the next header may start after a lost one: the next line that begins like a header. */
export declare function nextHeaderCandidate(buf: Buffer, from: number): number;
/**
 * Adds text to an attempt's output after it ended (a runner's note), in the mode it ran with:
 * appended to its per-task log, or as one more frame of the same attempt in its worker's log.
 */
export declare function appendNote(paths: Layout, mode: LogMode, at: {
    id: number;
    attempt: number;
    farmer: string;
    slot: number;
    start: number;
}, text: string): void;
