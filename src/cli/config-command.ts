import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadConfig, type Definition, type LoadedConfig } from '../config/load.js';
import { mapIni, parseIni } from '../config/ini.js';
import type { ConfigDocument } from '../config/types.js';
import type { Runner } from '../runners/types.js';
import { UsageError } from '../util/errors.js';
import { shellQuote } from '../util/shell.js';
import type { ConfigArgs } from './config-args.js';

export const SCHEMA_URL = 'https://unpkg.com/taskfarmer/schemas/config.schema.json';

export function runConfig(a: ConfigArgs, out: (s: string) => void): number {
  if (a.action === 'import') {
    out(importIni(a.file));
    return 0;
  }
  const cfg = loadConfig({ file: a.file });
  out(describeConfig(cfg));
  return 0;
}

/** The YAML equivalent of a PyTaskFarmer INI file; every section we cannot map is an error. */
export function importIni(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const { sections, problems } = parseIni(text);
  const errors = problems.map((p) => `${file}:${p.line}: ${p.message}`);
  const doc: ConfigDocument = {};
  for (const d of mapIni(sections)) {
    if ('error' in d) errors.push(`${file}:${d.line}: ${d.error}`);
    else if (d.kind === 'runner') (doc.runners ??= {})[d.name] = d.config;
    else (doc.tasklists ??= {})[d.name] = d.config;
  }
  if (errors.length) throw new UsageError(errors.join('\n'));
  if (!doc.runners && !doc.tasklists) {
    throw new UsageError(`${file}: no section defines a Runner or a TaskList (nothing to import)`);
  }
  return `# yaml-language-server: $schema=${SCHEMA_URL}\n# Converted from ${file} by \`taskfarmer config import\`.\n${stringify(doc)}`;
}

/**
 * The resolved configuration as YAML (itself a valid configuration file), each definition
 * under a comment saying where it came from, each runner with the command it would run.
 */
export function describeConfig(cfg: LoadedConfig): string {
  const lines: string[] = [];
  lines.push(
    cfg.sources.length
      ? `# Configuration OK, read from (later files override earlier ones):\n${cfg.sources.map((s) => `#   ${s}`).join('\n')}`
      : '# No configuration files found (./taskfarmer.yml, ~/.taskfarmer/runners.d/*.yaml, ~/.taskfarmer/tasklists.d/*.yaml).',
  );
  lines.push('# Built in: runner "default" (bash -c); tasklist handlers "default" and "list" (one command per line).');
  const section = (title: string, defs: Record<string, Definition<unknown>>, extra: (name: string) => string[]) => {
    const names = Object.keys(defs);
    if (!names.length) return;
    lines.push(`${title}:`);
    for (const name of names) {
      const d = defs[name];
      lines.push(`  # ${d.source}`);
      if (d.unavailable) {
        lines.push(`  # UNAVAILABLE: ${d.unavailable}`);
        continue;
      }
      lines.push(...extra(name).map((l) => `  # ${l}`));
      lines.push(indent(stringify({ [name]: d.config }), '  '));
    }
  };
  section('runners', cfg.runnerDefinitions, (name) => runnerPreview(cfg.runners[name]));
  section('tasklists', cfg.handlerDefinitions, () => []);
  return lines.join('\n');
}

/** The argv a runner builds for `echo hello`, and whether it can start on this machine. */
function runnerPreview(r: Runner): string[] {
  const out: string[] = [];
  try {
    r.preflight?.();
  } catch (err) {
    out.push(`warning: ${(err as Error).message}`);
  }
  const ctx = { id: 0, attempt: 1, slot: 0, workdir: '/nonexistent' };
  try {
    const spec = r.command('echo hello', ctx);
    r.after?.(ctx, true);
    out.push(`runs "echo hello" as: ${[spec.file, ...spec.args].map(shellQuote).join(' ')}`.replace(/\n/g, '\\n'));
  } catch (err) {
    out.push(`cannot build a command: ${(err as Error).message}`);
  }
  return out;
}

function indent(text: string, pad: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
