/**
 * Checks a configuration document against schemas/config.schema.json (ajv, draft 2020-12) and
 * turns ajv's errors into one line per problem: `FILE:LINE: /runners/gpu/image: must be string`.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isMap, isScalar, type Document } from 'yaml';
import type { LineCounter } from 'yaml';
import schema from '../../schemas/config.schema.json' with { type: 'json' };

let compiled: ValidateFunction | undefined;

/** Compiled on first use: a run without configuration files does not pay for it. */
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(schema);
  return compiled;
}

/** A problem at a place in a document. */
export interface Problem {
  /** JSON pointer into the document ('' = the whole document). */
  path: string;
  message: string;
  /** The key at `path` the problem is about (unknown keys, bad names): the line points at it. */
  key?: string;
}

/** Schema problems of a document (an empty list if it is valid). */
export function schemaProblems(value: unknown): Problem[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // Children of an anyOf are summed up by the anyOf's own line.
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath + '/');
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.propertyName !== undefined) continue;
    if (anyOfs.some((p) => e.schemaPath.startsWith(p))) continue;
    const p = describe(e);
    const k = `${p.path}\0${p.message}`;
    if (!seen.has(k)) out.push(p);
    seen.add(k);
  }
  return out;
}

function describe(e: ErrorObject): Problem {
  const path = e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, message: `missing required key "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = closest(key, allowed);
      const hint = near ? ` (did you mean "${near}"?)` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
      return { path, key, message: `unknown key "${key}"${hint}` };
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      const what = e.schemaPath.includes('/env/')
        ? 'is not a valid environment variable name'
        : 'is not a valid name (letters, digits, _ . -, starting with a letter or digit)';
      return { path, key, message: `"${key}" ${what}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return { path, message: `must be one of: ${allowed} (got ${JSON.stringify(e.data)})` };
    }
    case 'type': {
      const types = (Array.isArray(params.type) ? params.type : String(params.type).split(',')).map(String);
      return { path, message: `must be ${types.join(' or ')} (got ${kindOf(e.data)})` };
    }
    case 'anyOf': {
      const items = Array.isArray(e.data) ? e.data : [];
      const bad = items.findIndex((v) => typeof v !== 'string' || v === '');
      const got = bad >= 0 ? `item ${bad} is ${kindOf(items[bad])}` : `got ${kindOf(e.data)}`;
      return { path, message: `must be a string or a list of non-empty strings (${got})` };
    }
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'pattern':
      if (path.endsWith('/command')) return { path, message: 'must be a single line' };
      return { path, message: `${JSON.stringify(e.data)} is not a valid name (letters, digits, _)` };
    default:
      return { path, message: e.message ?? e.keyword };
  }
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (v === '') return 'empty';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** The allowed key nearest to a typo (edit distance ≤ 2), if any. */
function closest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = distance(key.toLowerCase(), a.toLowerCase());
    if (d < bestD) [best, bestD] = [a, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The 1-based line of a JSON pointer (or of `key` inside it) in a parsed YAML document. */
export function lineOf(doc: Document, lc: LineCounter, path: string, key?: string): number | undefined {
  const segments = path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node = (segments.length ? doc.getIn(segments, true) : doc.contents) as
    { range?: readonly number[] | null } | undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lc.linePos(offset).line;
}
