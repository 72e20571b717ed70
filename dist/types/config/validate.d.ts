import { type Document } from 'yaml';
import type { LineCounter } from 'yaml';
/** A problem at a place in a document. */
export interface Problem {
    /** JSON pointer into the document ('' = the whole document). */
    path: string;
    message: string;
    /** The key at `path` the problem is about (unknown keys, bad names): the line points at it. */
    key?: string;
}
/** Schema problems of a document (an empty list if it is valid). */
export declare function schemaProblems(value: unknown): Problem[];
/** The 1-based line of a JSON pointer (or of `key` inside it) in a parsed YAML document. */
export declare function lineOf(doc: Document, lc: LineCounter, path: string, key?: string): number | undefined;
