/**
 * PyTaskFarmer's INI definitions, mapped to our configuration. PyTaskFarmer reads them with
 * Python's configparser (`[name]` sections, `key = value` or `key: value`, `#`/`;` comment
 * lines, indented continuation lines, a `[DEFAULT]` section for `%(key)s` interpolation, `%%`) and passes every key but `Runner`/`TaskList` to the class's constructor.
 */
import type { HandlerConfig, RunnerConfig } from './types.js';

export interface IniSection {
  name: string;
  /** 1-based line of the `[name]` header. */
  line: number;
  values: Map<string, string>;
}

/** A definition read from an INI section: mapped, or why it cannot be. */
export type IniDefinition =
  | { kind: 'runner'; name: string; line: number; config: RunnerConfig }
  | { kind: 'tasklist'; name: string; line: number; config: HandlerConfig }
  | { kind: 'runner' | 'tasklist'; name: string; line: number; error: string };

export interface IniProblem {
  line: number;
  message: string;
}

/** configparser's syntax; problems are collected, not thrown. */
export function parseIni(text: string): { sections: IniSection[]; problems: IniProblem[] } {
  const sections: IniSection[] = [];
  const problems: IniProblem[] = [];
  const defaults = new Map<string, string>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  let keyIndent = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const indent = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (indent > keyIndent && lastKey !== undefined && current) {
      current.set(lastKey, `${current.get(lastKey)}\n${trimmed}`);
      return;
    }
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header) {
      const name = header[1];
      lastKey = undefined;
      if (name === 'DEFAULT') {
        current = defaults;
        return;
      }
      if (sections.some((s) => s.name === name)) problems.push({ line, message: `section [${name}] appears twice` });
      current = new Map();
      sections.push({ name, line, values: current });
      return;
    }
    const sep = /[=:]/.exec(trimmed);
    if (!current) {
      problems.push({ line, message: 'a key before any [section] header' });
      return;
    }
    if (!sep || sep.index === 0) {
      problems.push({ line, message: `not "key = value": ${trimmed}` });
      return;
    }
    lastKey = trimmed.slice(0, sep.index).trim();
    keyIndent = indent;
    current.set(lastKey, trimmed.slice(sep.index + 1).trim());
  });
  // [DEFAULT] keys serve %(key)s in every section; a section's definition is its own keys.
  for (const s of sections) {
    const merged = new Map([...defaults, ...s.values]);
    for (const [k, v] of s.values) {
      try {
        s.values.set(k, interpolate(v, merged, 0));
      } catch (err) {
        problems.push({ line: s.line, message: `[${s.name}] ${k}: ${(err as Error).message}` });
      }
    }
  }
  return { sections, problems };
}

function interpolate(value: string, values: Map<string, string>, depth: number): string {
  if (depth > 10) throw new Error('interpolation too deep');
  return value.replace(/%(%|\(([^)]*)\)s|.?)/g, (m, what: string, key: string | undefined) => {
    if (what === '%') return '%';
    if (key !== undefined) {
      const v = values.get(key);
      if (v === undefined) throw new Error(`%(${key})s refers to a key that is not set`);
      return interpolate(v, values, depth + 1);
    }
    throw new Error(`"${m}": a % must be followed by % or (name)s, as in Python's configparser (write %% for %)`);
  });
}

const RUNNER_KEY = 'runner';
const TASKLIST_KEY = 'tasklist';

/** Each section that defines a runner or a tasklist handler, mapped or with the reason it cannot be. */
export function mapIni(sections: IniSection[]): IniDefinition[] {
  const out: IniDefinition[] = [];
  for (const s of sections) {
    const entries = [...s.values];
    const classKey = entries.find(([k]) => k.toLowerCase() === RUNNER_KEY || k.toLowerCase() === TASKLIST_KEY);
    // PyTaskFarmer skips sections without a class: they are not definitions.
    if (!classKey) continue;
    const kind = classKey[0].toLowerCase() === RUNNER_KEY ? 'runner' : 'tasklist';
    const cls = classKey[1];
    const args = new Map(entries.filter(([k]) => k !== classKey[0]));
    const base = { kind, name: s.name, line: s.line } as const;
    try {
      if (kind === 'runner') out.push({ ...base, kind, config: mapRunner(cls, args) });
      else out.push({ ...base, kind, config: mapTasklist(cls, args) });
    } catch (err) {
      out.push({ ...base, error: `[${s.name}] ${(err as Error).message}` });
    }
  }
  return out;
}

function lastPart(cls: string): string {
  return cls.split('.').pop() ?? cls;
}

function checkArgs(cls: string, args: Map<string, string>, allowed: string[]): void {
  for (const k of args.keys()) {
    if (!allowed.includes(k)) {
      const opts = allowed.length ? `its options are: ${allowed.join(', ')}` : 'it takes no options';
      throw new Error(`${lastPart(cls)} has no option "${k}" (${opts})`);
    }
  }
}

function mapRunner(cls: string, args: Map<string, string>): RunnerConfig {
  switch (cls) {
    case 'taskfarmer.runners.BasicRunner':
      checkArgs(cls, args, []);
      return { type: 'shell' };
    case 'taskfarmer.runners.ShifterRunner': {
      checkArgs(cls, args, ['image', 'setup', 'volumes', 'modules', 'tempdir']);
      const image = args.get('image');
      if (!image) throw new Error('ShifterRunner needs an image');
      const cfg: RunnerConfig = { type: 'shifter', image };
      const setup = args.get('setup');
      if (setup) cfg.setup = setup;
      const volumes = words(args.get('volumes'));
      if (volumes.length) cfg.volumes = volumes;
      const modules = words(args.get('modules'));
      if (modules.length) cfg.modules = modules;
      const tempdir = args.get('tempdir');
      if (tempdir !== undefined && tempdir !== 'True' && tempdir !== 'False') {
        throw new Error(`tempdir must be True or False (PyTaskFarmer reads "${tempdir}" as False)`);
      }
      if (tempdir === 'True') cfg.tempdir = true;
      return cfg;
    }
    default:
      throw new Error(
        `runner class ${cls} has no taskfarmer equivalent (known: taskfarmer.runners.BasicRunner, taskfarmer.runners.ShifterRunner); define the runner in YAML instead (docs/config.md)`,
      );
  }
}

function mapTasklist(cls: string, args: Map<string, string>): HandlerConfig {
  if (cls === 'taskfarmer.task.ListTaskList') {
    checkArgs(cls, args, []);
    return { type: 'list' };
  }
  throw new Error(
    `tasklist class ${cls} has no taskfarmer equivalent (known: taskfarmer.task.ListTaskList); a template handler can often replace it (docs/config.md)`,
  );
}

function words(s: string | undefined): string[] {
  return (s ?? '').split(/\s+/).filter(Boolean);
}
