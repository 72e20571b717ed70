import type { TasklistHandler } from './handlers.js';
export type Modifier = '' | '.' | '/' | '//' | '/.';
/** A piece of a parsed template: literal text, or a replacement string. */
export type TemplatePart = string | {
    kind: 'line';
    mod: Modifier;
} | {
    kind: 'id';
} | {
    kind: 'field';
    index: number;
    name: string;
    mod: Modifier;
};
export interface TemplateSpec {
    command: string;
    fields?: string[];
    separator?: 'whitespace' | 'csv';
    quote?: boolean;
}
export interface CompiledTemplate {
    parts: TemplatePart[];
    fields: string[];
    separator: 'whitespace' | 'csv';
    quote: boolean;
    /** The highest field number a replacement string uses (0: none). */
    maxField: number;
}
/** Parses and checks a template; throws an Error whose message says what is wrong with it. */
export declare function compileTemplate(spec: TemplateSpec): CompiledTemplate;
/** The task for one line; throws an Error (what is wrong with the line) if a field is missing. */
export declare function expandTemplate(t: CompiledTemplate, line: string, id: number): string;
/** GNU parallel's {.} {/} {//} {/.} on a value. */
export declare function applyModifier(value: string, mod: Modifier): string;
export declare function splitFields(line: string, separator: 'whitespace' | 'csv'): string[];
/**
 * One CSV record (RFC 4180): fields separated by commas; a field that starts with `"` is
 * quoted, may hold commas, and `""` inside it is one `"`. A `"` inside an unquoted field is
 * an ordinary character. A tasklist line is one record, so a quoted field never spans lines.
 */
export declare function splitCsvLine(line: string): string[];
/**
 * The handler for a configured template. A line that does not fit (a missing field, a bad
 * CSV quote) is a UsageError naming the handler, the task and the line.
 */
export declare function templateHandler(name: string, spec: TemplateSpec): TasklistHandler;
