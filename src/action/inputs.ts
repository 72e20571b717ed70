import * as core from '@actions/core';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { createHash } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import schema from '../../schemas/action-inputs.schema.json' with { type: 'json' };
import type { FarmOptions } from '../farm/options.js';
import type { LogMode } from '../workdir/tasklog.js';
import { resolveRunner } from '../runners/registry.js';
import type { Runner } from '../runners/types.js';
import { resolveHandler, type TasklistHandler } from '../tasklist/handlers.js';
import { parseDuration } from '../util/duration.js';
import { oneLine, UsageError } from '../util/errors.js';
import type { UploadLogs } from './artifact-files.js';
import { loadActionConfig } from './config.js';
import { withDefaults, type FarmDefaults } from '../config/farm.js';
import { declaredInputs, type DeclaredInput } from './metadata.js';

/** Everything the step runs with; built only here, from the inputs, validated at once. */
export interface ActionSettings {
  /** Handed to farm(); with inline `tasks`, `tasklist` is the file they are written to. */
  farm: FarmOptions;
  /** The inline `tasks`, to be written to `farm.tasklist` before the farm starts. */
  inlineTasks?: string;
  /** The tasklist as the user named it (for annotations), unless the tasks are inline. */
  tasklistInput?: string;
  /** Fail the step when a task failed. */
  failOnTaskFailure: boolean;
  /** Upload the results with @actions/artifact when the runtime has an artifact service. */
  uploadArtifacts: boolean;
  /** Which task logs the artifact holds (besides the lists, the report and the timeline). */
  uploadLogs: UploadLogs;
  artifactName: string;
}

/** Every invalid input at once, one line each, each naming its input. Nothing has been written. */
export class InputError extends UsageError {
  constructor(readonly problems: string[]) {
    super(`invalid input${problems.length > 1 ? 's' : ''} (nothing was run):\n  ${problems.join('\n  ')}`);
  }
}

export type Kind = 'text' | 'int' | 'workers' | 'duration' | 'bool';

export const KINDS: Record<string, Kind> = {
  workers: 'workers',
  timeout: 'duration',
  'task-timeout': 'duration',
  retries: 'int',
  'gpus-per-worker': 'int',
  'cpus-per-worker': 'int',
  'max-failures': 'int',
  'max-failures-kill': 'bool',
  'walltime-guard': 'bool',
  'fail-on-task-failure': 'bool',
  'upload-artifacts': 'bool',
};

/** YAML 1.2 core-schema booleans, the ones `core.getBooleanInput` accepts. */
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

type PropertySchema = { 'x-expected'?: string };
const properties = schema.properties as Record<string, PropertySchema>;

// Compiled once at start-up: ajv's standalone output still needs require(), and the schema is small.
const ajv = new Ajv2020({ allErrors: true, verbose: true });
ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
const validate = ajv.compile(schema);

/** A string input turned into the type the schema expects; a value that does not convert stays a string. */
export function convert(kind: Kind, text: string): unknown {
  switch (kind) {
    case 'int':
      return /^[+-]?\d+$/.test(text) ? Number(text) : text;
    case 'workers':
      return text === 'auto' ? text : convert('int', text);
    case 'duration':
      return durationSeconds(text) ?? text;
    case 'bool':
      return TRUE.includes(text) ? true : FALSE.includes(text) ? false : text;
    default:
      return text;
  }
}

/** "3600" or "-1" → seconds (the schema judges the sign); "90s", "15m", "2h" → seconds; else undefined. */
function durationSeconds(text: string): number | undefined {
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
  try {
    return parseDuration(text, 'duration') / 1000;
  } catch {
    return undefined;
  }
}

/** Reads every declared input through @actions/core; an absent or empty one takes its action.yml default. */
export function readInputs(declared: Map<string, DeclaredInput> = declaredInputs()): ActionSettings {
  const raw = new Map<string, string>();
  for (const name of declared.keys()) raw.set(name, core.getInput(name));
  return parseInputs(raw, declared);
}

/**
 * Turns raw input strings into settings: defaults, conversion, one schema validation, then the
 * checks a schema cannot make (files exist, names are known). Throws InputError with every
 * problem. Pure but for reading the files it checks; `env` gives GITHUB_WORKSPACE and RUNNER_TEMP.
 */
export function parseInputs(
  raw: Map<string, string>,
  declared: Map<string, DeclaredInput>,
  env: NodeJS.ProcessEnv = process.env,
): ActionSettings {
  const given = new Map<string, string>();
  const values: Record<string, unknown> = {};
  for (const [name, input] of declared) {
    const text = raw.get(name) || input.default;
    if (text === '') continue;
    given.set(name, text);
    values[name] = convert(KINDS[name] ?? 'text', text);
  }

  const problems = new Map<string, string>();
  if (!validate(values)) {
    for (const e of validate.errors ?? []) {
      const [key, message] = describe(e, given);
      if (message && !problems.has(key)) problems.set(key, message);
    }
  }
  const ok = (name: string) => values[name] !== undefined && !problems.has(name);
  const str = (name: string) => values[name] as string;

  if (ok('tasklist')) {
    const why = fileProblem(resolve(str('tasklist')));
    if (why) problems.set('tasklist', `tasklist: ${why}`);
  }
  let runners: Record<string, Runner> = {};
  let handlers: Record<string, TasklistHandler> = {};
  let defaults: FarmDefaults = {};
  let configLogs: LogMode | undefined;
  let configOk = !problems.has('config');
  if (configOk) {
    // Read even without the input: ~/.pytaskfarmer, ~/.taskfarmer and ./taskfarmer.yml, as the CLI does.
    const path = ok('config') ? resolve(str('config')) : undefined;
    try {
      const why = path && fileProblem(path);
      if (why) throw new UsageError(why);
      ({ runners, handlers, farm: defaults, logs: configLogs } = loadActionConfig(path));
    } catch (err) {
      configOk = false;
      const lines = (err instanceof Error ? err.message : String(err)).split('\n').filter(Boolean);
      problems.set('config', lines.map((l) => `config: ${l.replace(/^--[\w-]+:\s*/, '')}`).join('\n  '));
    }
  }
  if (ok('workdir')) {
    const dir = resolve(str('workdir'));
    if (isFile(dir)) problems.set('workdir', `workdir: ${dir} exists and is not a directory`);
  }
  // An unknown name may be defined in a config file that failed to load: only its error then.
  if (ok('runner') && configOk) {
    try {
      resolveRunner(str('runner'), runners);
    } catch (err) {
      problems.set('runner', `runner: ${withoutFlag(err)}`);
    }
  }
  if (ok('tasklist-handler') && configOk) {
    try {
      resolveHandler(str('tasklist-handler'), handlers);
    } catch (err) {
      problems.set('tasklist-handler', `tasklist-handler: ${withoutFlag(err)}`);
    }
  }
  if (problems.size > 0) {
    const order = ['', ...declared.keys()];
    throw new InputError([...problems].sort((a, b) => rank(order, a[0]) - rank(order, b[0])).map(([, m]) => m));
  }
  const settings = settingsOf({ ...values, logs: values.logs ?? configLogs }, env, runners, handlers);
  return { ...settings, farm: withDefaults(defaults, settings.farm) };
}

function settingsOf(
  v: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  runners: Record<string, Runner>,
  handlers: Record<string, TasklistHandler>,
): ActionSettings {
  const inline = v.tasks as string | undefined;
  let tasklist: string;
  let workdir: string;
  if (inline === undefined) {
    tasklist = resolve(v.tasklist as string);
    workdir = resolve((v.workdir as string | undefined) ?? `${tasklist}_workdir`);
  } else {
    workdir = resolve((v.workdir as string | undefined) ?? defaultInlineWorkdir(env));
    const key = createHash('sha256').update(workdir).digest('hex').slice(0, 12);
    tasklist = join(env.RUNNER_TEMP || tmpdir(), `taskfarmer-${key}.tasks`);
  }
  const seconds = (name: string) => {
    const s = v[name] as number | undefined;
    return s ? s * 1000 : undefined;
  };
  return {
    farm: {
      tasklist,
      workdir,
      workers: v.workers === 'auto' || v.workers === undefined ? undefined : (v.workers as number),
      timeout: seconds('timeout'),
      taskTimeout: seconds('task-timeout'),
      retries: (v.retries as number | undefined) ?? 0,
      runner: (v.runner as string | undefined) ?? 'default',
      handler: (v['tasklist-handler'] as string | undefined) ?? 'default',
      logs: v.logs as LogMode | undefined,
      runners,
      handlers,
      gpusPerWorker: v['gpus-per-worker'] as number | undefined,
      gpus: v.gpus as string | undefined,
      cpusPerWorker: v['cpus-per-worker'] as number | undefined,
      maxFailures: v['max-failures'] as number | undefined,
      maxFailuresKill: v['max-failures-kill'] as boolean | undefined,
      walltimeGuard: v['walltime-guard'] as boolean | undefined,
    },
    inlineTasks: inline === undefined ? undefined : inline + '\n',
    tasklistInput: inline === undefined ? (v.tasklist as string) : undefined,
    failOnTaskFailure: (v['fail-on-task-failure'] as boolean | undefined) ?? true,
    uploadArtifacts: (v['upload-artifacts'] as boolean | undefined) ?? true,
    uploadLogs: (v['upload-logs'] as UploadLogs | undefined) ?? 'failed',
    artifactName: (v['artifact-name'] as string | undefined) ?? 'taskfarmer',
  };
}

/**
 * The workdir of inline `tasks` without a `workdir` input: in the workspace, named after the
 * step (GITHUB_ACTION: its id, or `__run`, `__owner_repo`, with `_2`, `_3`… for repeats in a
 * job), so two such steps in one job do not share it, and a re-run finds it again.
 */
function defaultInlineWorkdir(env: NodeJS.ProcessEnv): string {
  const step = (env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_.-]/g, '_');
  const name = step ? `taskfarmer_${step}_workdir` : 'taskfarmer_workdir';
  return join(env.GITHUB_WORKSPACE || process.cwd(), name);
}

/** One schema error → [input name, "name: must be … (got "…")"]; sub-errors with no message of their own → no message. */
function describe(e: ErrorObject, given: Map<string, string>): [string, string | undefined] {
  const name = e.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  if (name) {
    const expected = properties[name]?.['x-expected'] ?? `is invalid (${e.message})`;
    const got = name === 'tasks' ? '' : ` (got "${given.get(name) ?? ''}")`;
    return [name, `${name}: ${expected}${got}`];
  }
  const expected = (e.parentSchema as PropertySchema | undefined)?.['x-expected'];
  return ['', expected];
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

/** Why a path is not a readable file, or undefined. */
function fileProblem(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return `${path} is a directory, not a file`;
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `file ${path} does not exist`;
    if (code === 'EACCES') return `file ${path} is not readable (permission denied)`;
    return `file ${path} cannot be read (${code ?? oneLine(err)})`;
  }
}

function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The core's messages name CLI flags ("--runner: unknown runner …"); here the input is named instead. */
function withoutFlag(err: unknown): string {
  return oneLine(err).replace(/^--[\w-]+:\s*/, '');
}
