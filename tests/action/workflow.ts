/**
 * Runs a job of an example workflow on this host, the way `act -P LABEL=-self-hosted` does,
 * for what examples/workflows/ use: `run:` steps (bash, GITHUB_ENV), `uses: ./` (this action,
 * bundled, from a copy without node_modules), `uses: actions/checkout` (the workspace is already
 * a checkout), `if: always()`, a matrix (its jobs run at once), `${{ a.b || 'literal' }}`
 * expressions, and `npx taskfarmer` in a `run:` step (the CLI of the action's copy, as npx would
 * give the published package). Not a general workflow engine: anything else throws.
 */
import { execa } from 'execa';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { copyAction, ROOT, runAction, type ActionRun } from './helpers.js';
import { AS_SPAWNED, exitOf } from '../helpers/exec.js';

type Context = Record<string, unknown>;

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}

interface Job {
  'runs-on': unknown;
  env?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}

export interface StepResult {
  name: string;
  ok: boolean;
  skipped: boolean;
  output: string;
  action?: ActionRun;
}

export interface JobRun {
  matrix: Record<string, unknown>;
  ok: boolean;
  steps: StepResult[];
}

/** The value of `path.to.value || 'literal' || …` (the first operand that is set), or of `a == b`. */
export function evaluate(expr: string, ctx: Context): string {
  const eq = /^([^=|]+?)\s*==\s*([^=|]+)$/.exec(expr.trim());
  if (eq) return String(evaluate(eq[1], ctx) === evaluate(eq[2], ctx));
  for (const operand of expr.split('||').map((s) => s.trim())) {
    let value: unknown;
    const literal = /^'(.*)'$/.exec(operand);
    if (literal) value = literal[1];
    else if (/^\d+$/.test(operand)) value = operand;
    else if (/^[\w-]+(\.[\w-]+)*$/.test(operand))
      value = operand.split('.').reduce<unknown>((o, k) => (o as Context | undefined)?.[k], ctx);
    else throw new Error(`expression not supported here: ${expr}`);
    if (value === undefined || value === null || value === '') continue;
    // As GitHub does: an object (a whole context) reads as JSON.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }
  return '';
}

export function substitute(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => evaluate(expr, ctx));
}

/** A workspace as actions/checkout leaves it: the action (no node_modules) and the examples. */
export function checkout(): string {
  const dir = copyAction();
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), {
    recursive: true,
    filter: (src) => !src.endsWith('_workdir'),
  });
  return dir;
}

/** `env` is the step's whole environment, as the runner builds it. */
async function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const r = await execa('bash', ['-e', '-c', script], {
    ...AS_SPAWNED,
    cwd,
    env,
    extendEnv: false,
    stdin: 'ignore',
    all: true,
  });
  return { code: exitOf(r).code, output: r.all };
}

export interface RunJobOptions {
  workflow: string;
  job: string;
  /** Workflow-dispatch inputs and repository variables. */
  inputs?: Record<string, string>;
  vars?: Record<string, string>;
  /** Added to every step's environment (e.g. SLURM_CONF). */
  env?: NodeJS.ProcessEnv;
  node?: string;
  workspace?: string;
}

/** Runs every matrix combination of a job at once, each in its own workspace copy unless one is given. */
export async function runJob(o: RunJobOptions): Promise<JobRun[]> {
  // A bare name is an example; a path (`.github/workflows/ci.yml`) is relative to the repository.
  const file = o.workflow.includes('/') ? join(ROOT, o.workflow) : join(ROOT, 'examples', 'workflows', o.workflow);
  const doc = parse(readFileSync(file, 'utf8')) as {
    env?: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const job = doc.jobs[o.job];
  if (!job) throw new Error(`no job ${o.job} in ${o.workflow}`);
  const axes = Object.entries(job.strategy?.matrix ?? {});
  let combos: Array<Record<string, unknown>> = [{}];
  for (const [axis, values] of axes) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [axis]: v })));
  return Promise.all(combos.map((matrix, index) => runOne(o, doc.env ?? {}, job, matrix, index)));
}

async function runOne(
  o: RunJobOptions,
  workflowEnv: Record<string, string>,
  job: Job,
  matrix: Record<string, unknown>,
  index: number,
): Promise<JobRun> {
  const workspace = o.workspace ?? checkout();
  const temp = mkdtempSync(join(tmpdir(), 'tf-runner-temp-'));
  const ctx: Context = {
    inputs: o.inputs ?? {},
    vars: o.vars ?? {},
    github: { run_id: '4242', repository: 'example/repo', workspace },
    runner: { temp },
    matrix,
    strategy: { 'job-index': String(index) },
    steps: {},
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...workflowEnv, ...job.env })) env[k] = substitute(String(v), { ...ctx, env });
  const result: JobRun = { matrix, ok: true, steps: [] };
  for (const step of job.steps) {
    const name = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? '?';
    const always = step.if !== undefined && /^always\(\)$/.test(step.if.trim());
    if (step.if !== undefined && !always) throw new Error(`if: ${step.if} is not supported here`);
    if (!result.ok && !always) {
      result.steps.push({ name, ok: true, skipped: true, output: '' });
      continue;
    }
    const sctx = { ...ctx, env };
    const githubEnv = join(temp, `env-${result.steps.length}`);
    writeFileSync(githubEnv, '');
    // bash reads BASH_ENV first: `npx [--yes] taskfarmer …` runs this copy's CLI, offline.
    const bashEnv = join(temp, 'npx.bash');
    writeFileSync(
      bashEnv,
      `npx() { [ "$1" = --yes ] && shift; if [ "$1" = taskfarmer ]; then shift; ` +
        `"${o.node ?? process.execPath}" "${join(workspace, 'dist', 'cli.js')}" "$@"; else command npx "$@"; fi; }\n`,
    );
    const stepEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...o.env,
      ...env,
      GITHUB_ENV: githubEnv,
      BASH_ENV: bashEnv,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: temp,
      GITHUB_RUN_ID: '4242',
    };
    let sr: StepResult;
    if (step.uses?.startsWith('actions/checkout@')) {
      sr = { name, ok: true, skipped: false, output: '' };
    } else if (step.uses === './') {
      const inputs: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {})) inputs[k] = substitute(String(v), sctx);
      const env2: NodeJS.ProcessEnv = { ...o.env, ...env, RUNNER_TEMP: temp };
      const run = await runAction({
        node: o.node ?? process.execPath,
        action: workspace,
        cwd: workspace,
        inputs,
        env: env2,
      });
      sr = { name, ok: run.code === 0, skipped: false, output: run.stdout + run.stderr, action: run };
      if (step.id) (ctx.steps as Context)[step.id] = { outputs: run.outputs };
    } else if (step.run !== undefined) {
      const r = await bash(substitute(step.run, sctx), workspace, stepEnv);
      sr = { name, ok: r.code === 0, skipped: false, output: r.output };
    } else {
      throw new Error(`step not supported here: ${JSON.stringify(step)}`);
    }
    for (const line of readFileSync(githubEnv, 'utf8').split('\n')) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (m) env[m[1]] = m[2];
    }
    result.steps.push(sr);
    if (!sr.ok) result.ok = false;
  }
  return result;
}
