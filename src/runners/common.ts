/**
 * What every configured runner shares: finding its wrapper executable before any task is
 * claimed, composing `setup && task`, and per-task temporary directories.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { TaskContext } from './types.js';

/** The first executable file called `name` on PATH (or `name` itself if it has a slash), else undefined. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = name.includes('/') ? [resolve(name)] : path.split(delimiter).map((d) => join(d || '.', name));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** For preflight: the path of the runner's wrapper, or a one-line error naming the runner. */
export function requireExecutable(runner: string, name: string): string {
  const found = findExecutable(name);
  if (!found) {
    const where = name.includes('/') ? `${name} is not an executable file` : `${name} not found on PATH`;
    throw new UsageError(`runner "${runner}": ${where}`);
  }
  return found;
}

/** Setup commands as one `a && b` string, or undefined when there are none. */
export function joinSetup(setup: string | string[] | undefined): string | undefined {
  const list = (Array.isArray(setup) ? setup : setup === undefined ? [] : [setup]).map((s) => s.trim());
  const nonEmpty = list.filter(Boolean);
  return nonEmpty.length ? nonEmpty.join(' && ') : undefined;
}

/**
 * The script a shell runs for one task: `SETUP && { TASK }`. The braces keep the task's own
 * `;`, `||` and trailing comments from escaping the `&&` (so `setup && a; b` cannot run `b`
 * after a failed setup); the newline before `}` ends a trailing `# comment`.
 */
export function withSetup(setup: string | undefined, task: string): string {
  return setup ? `${setup} && {\n${task}\n}` : task;
}

/** Config env values (YAML may give numbers or booleans) as strings. */
export function envStrings(env: Record<string, string | number | boolean> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env ?? {})) out[k] = String(v);
  return out;
}

/**
 * Per-attempt temporary directories: made before the attempt starts, removed after it
 * succeeded, kept after it failed or was stopped (the task's log then ends with the path).
 */
export class TaskTempDirs {
  private readonly dirs = new Map<string, string>();

  /** `option`: true for the system temp dir, or a parent directory. */
  constructor(private readonly option: boolean | string) {}

  create(ctx: TaskContext): string {
    const parent = typeof this.option === 'string' ? resolve(this.option) : tmpdir();
    mkdirSync(parent, { recursive: true });
    const dir = mkdtempSync(join(parent, `taskfarmer-${ctx.id}-`));
    this.dirs.set(key(ctx), dir);
    return dir;
  }

  release(ctx: TaskContext, ok: boolean): void {
    const dir = this.dirs.get(key(ctx));
    if (!dir) return;
    this.dirs.delete(key(ctx));
    if (ok) {
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    try {
      ctx.note?.(`\ntaskfarmer: attempt ${ctx.attempt} did not succeed; its temporary directory is kept: ${dir}\n`);
    } catch {
      // The log is gone (workdir removed): nothing to tell.
    }
  }
}

const key = (ctx: TaskContext) => `${ctx.id}:${ctx.attempt}`;

/**
 * Starts a clean-up command (remove a container, cancel a step) without waiting for it. It
 * gets its own process group, so a terminal's Ctrl-C does not cut it short, and it keeps the
 * farmer alive until it is done. Output is ignored, except stdout when `then` wants it.
 * execa is loaded here on first use: most farms never clean up, and start faster without it.
 */
export function runQuietly(file: string, args: string[], then?: (stdout: string) => void): void {
  void import('execa').then(async ({ execa }) => {
    const r = await execa(file, args, {
      stdin: 'ignore',
      stdout: then ? 'pipe' : 'ignore',
      stderr: 'ignore',
      detached: true,
      cleanup: false,
      reject: false,
    });
    if (r.exitCode === 0) then?.(String(r.stdout ?? ''));
  });
}
