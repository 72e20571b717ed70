/**
 * The `template` tasklist handler: each tasklist line is an input, and a command template
 * turns it into the task, with GNU parallel's replacement strings:
 *
 *   {}    the line                     {/}   its basename         {//}  its dirname
 *   {.}   the line without extension   {/.}  basename without extension
 *   {#}   the task id (0-based, as PROC_NUMBER; GNU parallel's {#} counts from 1)
 *   {1} {2} …, {name}   fields of the line (split on whitespace, or as CSV), also with
 *                       the modifiers: {1/.}, {file//}, …
 *
 * Substituted values are shell-quoted unless `quote: false` (GNU parallel quotes too). `${…}`
 * is shell syntax and never replaced. Everything here is pure: no disk, no process.
 */
import { posix } from 'node:path';
import { UsageError } from '../util/errors.js';
import { shellQuote } from '../util/shell.js';
import type { TasklistHandler } from './handlers.js';

export type Modifier = '' | '.' | '/' | '//' | '/.';

/** A piece of a parsed template: literal text, or a replacement string. */
export type TemplatePart =
  | string
  | { kind: 'line'; mod: Modifier }
  | { kind: 'id' }
  | { kind: 'field'; index: number; name: string; mod: Modifier };

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

const TOKEN = /\{(?:(#)|([0-9]+|[A-Za-z_][A-Za-z0-9_]*)?(\/\/|\/\.|\/|\.)?)\}/g;

/** Parses and checks a template; throws an Error whose message says what is wrong with it. */
export function compileTemplate(spec: TemplateSpec): CompiledTemplate {
  const fields = spec.fields ?? [];
  const quote = spec.quote ?? true;
  const parts: TemplatePart[] = [];
  let maxField = 0;
  let last = 0;
  const cmd = spec.command;
  for (const m of cmd.matchAll(TOKEN)) {
    const at = m.index;
    if (at > 0 && cmd[at - 1] === '$') continue;
    const [raw, hash, ref, mod = ''] = m;
    let part: TemplatePart;
    if (hash) part = { kind: 'id' };
    else if (ref === undefined) part = { kind: 'line', mod: mod as Modifier };
    else if (/^[0-9]+$/.test(ref)) {
      const index = Number(ref);
      if (index < 1) throw new Error(`${raw}: fields are numbered from 1`);
      part = { kind: 'field', index, name: fields[index - 1] ?? ref, mod: mod as Modifier };
    } else {
      const pos = fields.indexOf(ref);
      if (pos < 0) {
        const known = fields.length ? `fields are: ${fields.join(', ')}` : 'no fields are named (add `fields: [...]`)';
        throw new Error(`${raw}: unknown field "${ref}" (${known})`);
      }
      part = { kind: 'field', index: pos + 1, name: ref, mod: mod as Modifier };
    }
    const before = cmd[at - 1];
    if (quote && part.kind !== 'id' && (before === '"' || before === "'") && cmd[at + raw.length] === before) {
      throw new Error(
        `${before}${raw}${before}: values are shell-quoted already; remove the quotes around ${raw} (or set quote: false)`,
      );
    }
    if (part.kind === 'field') maxField = Math.max(maxField, part.index);
    if (at > last) parts.push(cmd.slice(last, at));
    parts.push(part);
    last = at + raw.length;
  }
  if (last < cmd.length) parts.push(cmd.slice(last));
  return { parts, fields, separator: spec.separator ?? 'whitespace', quote, maxField };
}

/** The task for one line; throws an Error (what is wrong with the line) if a field is missing. */
export function expandTemplate(t: CompiledTemplate, line: string, id: number): string {
  let values: string[] | undefined;
  if (t.maxField > 0 || t.fields.length > 0) {
    values = splitFields(line, t.separator);
    const need = Math.max(t.maxField, t.fields.length);
    if (values.length < need || (t.fields.length > 0 && values.length > t.fields.length)) {
      const names = t.fields.length ? ` (${t.fields.join(', ')})` : '';
      const want = t.fields.length ? `${t.fields.length}` : `at least ${need}`;
      throw new Error(
        `has ${values.length} field${values.length === 1 ? '' : 's'}, the template needs ${want}${names}`,
      );
    }
  }
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') out += p;
    else if (p.kind === 'id') out += String(id);
    else {
      const v = applyModifier(p.kind === 'line' ? line : values![p.index - 1], p.mod);
      out += t.quote ? shellQuote(v) : v;
    }
  }
  return out;
}

/** GNU parallel's {.} {/} {//} {/.} on a value. */
export function applyModifier(value: string, mod: Modifier): string {
  switch (mod) {
    case '':
      return value;
    case '.':
      return removeExtension(value);
    case '/':
      return basename(value);
    case '//':
      return posix.dirname(value);
    case '/.':
      return removeExtension(basename(value));
  }
}

/** The last `.` after the last `/`, and what follows it, removed (`a.b/c` stays). */
function removeExtension(value: string): string {
  return value.replace(/\.[^/.]*$/, '');
}

/** Everything up to the last `/` removed. */
function basename(value: string): string {
  return value.replace(/^.*\//, '');
}

export function splitFields(line: string, separator: 'whitespace' | 'csv'): string[] {
  return separator === 'csv' ? splitCsvLine(line) : line.split(/\s+/).filter(Boolean);
}

/**
 * One CSV record (RFC 4180): fields separated by commas; a field that starts with `"` is
 * quoted, may hold commas, and `""` inside it is one `"`. A `"` inside an unquoted field is
 * an ordinary character. A tasklist line is one record, so a quoted field never spans lines.
 */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      const open = i;
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`unterminated quoted field starting at column ${open + 1}`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') {
        throw new Error(`unexpected ${JSON.stringify(line[i])} after the closing quote at column ${i}`);
      }
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      field = line.slice(i, end);
      i = end;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++;
  }
}

/**
 * The handler for a configured template. A line that does not fit (a missing field, a bad
 * CSV quote) is a UsageError naming the handler, the task and the line.
 */
export function templateHandler(name: string, spec: TemplateSpec): TasklistHandler {
  const t = compileTemplate(spec);
  return (line, id) => {
    try {
      return expandTemplate(t, line, id);
    } catch (err) {
      throw new UsageError(
        `tasklist handler "${name}": task ${id} (${JSON.stringify(line)}) ${(err as Error).message}`,
      );
    }
  };
}
