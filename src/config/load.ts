/**
 * Finds, reads and validates the configuration files, and builds their runners and tasklist
 * handlers. Later files override earlier ones, name by name:
 *
 *   1. ~/.pytaskfarmer/{runners.d,tasklists.d}/*.ini   PyTaskFarmer's definitions, mapped
 *   2. ~/.taskfarmer/{runners.d,tasklists.d}/*.yaml    (and *.yml), in name order
 *   3. --config FILE (YAML, or a PyTaskFarmer .ini), else ./taskfarmer.yml (or .yaml)
 *
 * Every problem of every file is reported at once, one line each, as a UsageError (exit 2).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { relative, isAbsolute } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { unavailableRunner } from '../runners/registry.js';
import type { Runner } from '../runners/types.js';
import { unavailableHandler, type TasklistHandler } from '../tasklist/handlers.js';
import { compileTemplate } from '../tasklist/template.js';
import { UsageError } from '../util/errors.js';
import { buildRunner } from '../runners/registry.js';
import { buildHandler } from './build.js';
import { mapIni, parseIni } from './ini.js';
import type { ConfigDocument, FarmConfig, HandlerConfig, RunnerConfig } from './types.js';
import { farmDefaults, type FarmDefaults } from './farm.js';
import type { LogMode } from '../workdir/tasklog.js';
import { lineOf, schemaProblems } from './validate.js';
import { configFiles, type Found, type LoadOptions } from './files.js';

export type { LoadOptions } from './files.js';

/** Where a definition came from, for `config check` and for error messages. */
export interface Definition<T> {
  config?: T;
  /** Why it cannot be used (a PyTaskFarmer class with no equivalent); set instead of config. */
  unavailable?: string;
  /** `FILE:LINE`. */
  source: string;
}

export interface LoadedConfig {
  runners: Record<string, Runner>;
  handlers: Record<string, TasklistHandler>;
  /** Every file read, in order (later ones override earlier ones). */
  sources: string[];
  runnerDefinitions: Record<string, Definition<RunnerConfig>>;
  handlerDefinitions: Record<string, Definition<HandlerConfig>>;
  /** The `farm:` sections' options (later files override earlier ones, key by key). */
  farm: FarmDefaults;
  /** Where task output goes, from the last file that says (`logs:`). */
  logs?: LogMode;
}

/**
 * Reads every configuration file (`files`: as configFiles(opts) finds them, if already known);
 * throws one UsageError listing every problem found.
 */
export function loadConfig(opts: LoadOptions = {}, files: Found[] = configFiles(opts)): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd();
  const home = opts.home ?? homedir();
  const problems: string[] = [];
  const runnerDefinitions: Record<string, Definition<RunnerConfig>> = {};
  const handlerDefinitions: Record<string, Definition<HandlerConfig>> = {};
  const farm: FarmConfig = {};
  let logs: LogMode | undefined;
  for (const f of files) {
    const shown = display(f.path, cwd, home);
    const r = f.path.endsWith('.ini') ? readIni(f.path, shown, f.explicit) : readYaml(f.path, shown);
    problems.push(...r.problems);
    Object.assign(runnerDefinitions, r.runners);
    Object.assign(handlerDefinitions, r.handlers);
    Object.assign(farm, r.farm);
    logs = r.logs ?? logs;
  }
  if (problems.length) throw new UsageError(problems.join('\n'));

  const runners: Record<string, Runner> = {};
  for (const [name, d] of Object.entries(runnerDefinitions)) {
    runners[name] = d.config ? buildRunner(name, d.config) : unavailableRunner(name, d.unavailable!);
  }
  const handlers: Record<string, TasklistHandler> = {};
  for (const [name, d] of Object.entries(handlerDefinitions)) {
    handlers[name] = d.config ? buildHandler(name, d.config) : unavailableHandler(d.unavailable!);
  }
  return {
    runners,
    handlers,
    sources: files.map((f) => f.path),
    runnerDefinitions,
    handlerDefinitions,
    farm: farmDefaults(farm),
    logs,
  };
}

interface FileResult {
  runners: Record<string, Definition<RunnerConfig>>;
  handlers: Record<string, Definition<HandlerConfig>>;
  farm?: FarmConfig;
  problems: string[];
  logs?: LogMode;
}

function readText(path: string, shown: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`${shown}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return undefined;
  }
}

function readYaml(path: string, shown: string): FileResult {
  const res: FileResult = { runners: {}, handlers: {}, problems: [] };
  const text = readText(path, shown, res.problems);
  if (text === undefined) return res;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = lc.linePos(e.pos[0]);
      res.problems.push(`${shown}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`);
    }
    return res;
  }
  const value = (doc.toJS() ?? {}) as unknown;
  const at = (path: string, key?: string) => {
    const line = lineOf(doc, lc, path, key);
    return `${shown}${line ? `:${line}` : ''}: ${path || '/'}`;
  };
  const schema = schemaProblems(value);
  if (schema.length) {
    const lines = schema.map((p) => ({
      line: lineOf(doc, lc, p.path, p.key) ?? 0,
      text: `${at(p.path, p.key)}: ${p.message}`,
    }));
    res.problems.push(...lines.sort((a, b) => a.line - b.line).map((l) => l.text));
    return res;
  }
  const cfg = value as ConfigDocument;
  res.farm = cfg.farm;
  res.logs = cfg.logs;
  for (const [name, r] of Object.entries(cfg.runners ?? {})) {
    res.runners[name] = { config: r, source: sourceOf(at('/runners', name)) };
  }
  for (const [name, h] of Object.entries(cfg.tasklists ?? {})) {
    const ptr = `/tasklists/${escape(name)}`;
    if (h.type === 'template') {
      try {
        compileTemplate(h);
      } catch (err) {
        res.problems.push(`${at(`${ptr}/command`)}: ${(err as Error).message}`);
        continue;
      }
    }
    res.handlers[name] = { config: h, source: sourceOf(at('/tasklists', name)) };
  }
  return res;
}

function readIni(path: string, shown: string, explicit: boolean): FileResult {
  const res: FileResult = { runners: {}, handlers: {}, problems: [] };
  const text = readText(path, shown, res.problems);
  if (text === undefined) return res;
  const { sections, problems } = parseIni(text);
  res.problems.push(...problems.map((p) => `${shown}:${p.line}: ${p.message}`));
  for (const d of mapIni(sections)) {
    const source = `${shown}:${d.line}`;
    if ('error' in d) {
      if (explicit) res.problems.push(`${source}: ${d.error}`);
      const def = {
        unavailable: `${d.kind === 'runner' ? 'runner' : 'tasklist handler'} "${d.name}" (${source}): ${d.error}`,
        source,
      };
      if (d.kind === 'runner') res.runners[d.name] = def;
      else res.handlers[d.name] = def;
    } else if (d.kind === 'runner') res.runners[d.name] = { config: d.config, source };
    else res.handlers[d.name] = { config: d.config, source };
  }
  return res;
}

/** `FILE:LINE: /ptr` → `FILE:LINE`. */
function sourceOf(at: string): string {
  return at.slice(0, at.lastIndexOf(': /'));
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Paths under cwd are shown relative (as the user typed them), under home with ~, others absolute. */
function display(path: string, cwd: string, home: string): string {
  const under = (dir: string) => {
    const rel = relative(dir, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : undefined;
  };
  const inCwd = under(cwd);
  if (inCwd !== undefined) return inCwd;
  const inHome = under(home);
  return inHome !== undefined ? `~/${inHome}` : path;
}
