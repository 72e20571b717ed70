import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellQuote } from '../../src/util/shell.js';
import { AS_SPAWNED, exitOf, type Exit } from './exec.js';

/** The built CLI, exactly what `npx taskfarmer` runs. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export function tempDir(prefix = 'tf-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a tasklist (one task per array item) and returns its path. */
export function writeTasks(dir: string, tasks: string[], name = 'tasks.txt'): string {
  const path = join(dir, name);
  writeFileSync(path, tasks.map((t) => t + '\n').join(''));
  return path;
}

export interface RunResult extends Exit {
  stdout: string;
  stderr: string;
}

/**
 * Starts the CLI; the caller may signal it (`child.kill` reaches the farmer alone; with
 * `detached`, `process.kill(-child.pid, sig)` reaches its tasks too). `done` resolves when it
 * has exited and closed its output; `output()` is what it has written so far.
 */
export function startCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; detached?: boolean } = {}) {
  const child = execa(process.execPath, [CLI, ...args], {
    ...AS_SPAWNED,
    env: opts.env,
    cwd: opts.cwd,
    detached: opts.detached,
    stdin: 'ignore',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done: Promise<RunResult> = child.then((r) => ({ ...exitOf(r), stdout: r.stdout, stderr: r.stderr }));
  return { child, done, output: () => ({ stdout, stderr }) };
}

/**
 * Starts the CLI on a pseudo-terminal (util-linux `script`), as a user at a terminal runs it.
 * `script` runs the command through $SHELL; `exec` makes the CLI the pty's foreground process
 * itself, so a Ctrl-C reaches it alone (a dash left waiting in between gets the SIGINT too and
 * exits 130 whatever the CLI did), and SHELL is pinned so every machine runs the same thing.
 */
export function startOnPty(args: string[], env: NodeJS.ProcessEnv = {}) {
  const cmd = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  const child = execa('script', ['-qfec', `exec ${cmd}`, '/dev/null'], {
    ...AS_SPAWNED,
    env: { TERM: 'xterm-256color', SHELL: '/bin/sh', ...env },
  });
  const closed: Promise<number | null> = child.then((r) => exitOf(r).code);
  return Object.assign(child, { closed });
}

export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<RunResult> {
  return startCli(args, opts).done;
}

/** `<id> <task>` lines of a workdir file as [id, task] pairs ([] if absent). */
export function taskLines(path: string): Array<[number, string]> {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const sp = l.indexOf(' ');
      return [Number(l.slice(0, sp)), l.slice(sp + 1)] as [number, string];
    });
}

export function ids(path: string): number[] {
  return taskLines(path).map(([id]) => id);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `pred` is true or the timeout passes. */
export async function waitFor(pred: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Pids of live processes whose command line contains `marker` (from /proc, no ps needed). */
export function processesWith(marker: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat[stat.lastIndexOf(')') + 2] === 'Z') continue;
      if (cmd.includes(marker) && Number(name) !== process.pid) out.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}
