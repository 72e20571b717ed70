/**
 * Helpers of the fault-injection suite: reading what a farm left on disk, killing process
 * trees, and small tmpfs mounts for the full-disk tests.
 */
import { execaSync } from 'execa';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ids } from '../helpers/cli.js';

/** Lines of a file ([] if it does not exist). */
export function lines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** How many times each id occurs in a file of `<id> …` lines. */
export function counts(path: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const l of lines(path)) {
    const id = Number(l.split(' ')[0]);
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

export const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);
export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * The farm ended well: every id of 0..n-1 is in `finished` exactly once, nothing failed and
 * nothing is left in `toprocess`. Returns a description of what is wrong, or '' if nothing is.
 */
export function checkExactlyOnce(wd: string, n: number): string {
  const fin = ids(join(wd, 'finished'));
  const problems: string[] = [];
  const seen = new Map<number, number>();
  for (const id of fin) seen.set(id, (seen.get(id) ?? 0) + 1);
  const dup = [...seen].filter(([, c]) => c > 1).map(([id]) => id);
  const missing = range(n).filter((id) => !seen.has(id));
  if (dup.length) problems.push(`finished twice: ${dup.join(',')}`);
  if (missing.length) problems.push(`not finished: ${missing.slice(0, 20).join(',')}`);
  const failed = ids(join(wd, 'failed'));
  if (failed.length) problems.push(`failed: ${failed.join(',')}`);
  const left = ids(join(wd, 'toprocess'));
  if (left.length) problems.push(`left in toprocess: ${left.slice(0, 20).join(',')}`);
  return problems.join('; ');
}

/**
 * What one farmer's own journal says it still held when it stopped writing: ids it claimed
 * and did not record as done, failed or requeued. The journal is found by pid (its file name is
 * `<host>-<pid>-<random>.jsonl`), in `.taskfarmer/journal/` or, after a compaction, `history/`.
 */
export function openClaimsOf(wd: string, pid: number): Set<number> {
  const held = new Set<number>();
  const st = join(wd, '.taskfarmer');
  for (const sub of ['journal', 'history']) {
    const dir = join(st, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.includes(`-${pid}-`)) continue;
      for (const line of lines(join(dir, name))) {
        let r: { t: string; id: number };
        try {
          r = JSON.parse(line);
        } catch {
          continue;
        }
        if (r.t === 'claim') held.add(r.id);
        else if (r.t === 'done' || r.t === 'fail' || r.t === 'requeue') held.delete(r.id);
      }
    }
  }
  return held;
}

/** Every journal record of a workdir, current journals and history. */
export function allRecords(wd: string): Array<Record<string, unknown> & { t: string }> {
  const out: Array<Record<string, unknown> & { t: string }> = [];
  for (const sub of ['journal', 'history']) {
    const dir = join(wd, '.taskfarmer', sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      for (const line of lines(join(dir, name))) {
        try {
          out.push(JSON.parse(line));
        } catch {
          // a torn line
        }
      }
    }
  }
  return out;
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** The pid and every descendant of it, from /proc. */
export function treeOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = parentOf(pid);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(pid);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Kills a whole process tree at once, as the kernel's OOM killer or a lost node would: every
 * process is frozen first (so none forks a new child meanwhile), then SIGKILLed.
 */
export function killTree(root: number): void {
  let seen = new Set<number>();
  for (let i = 0; i < 5; i++) {
    const now = treeOf(root).filter((p) => !seen.has(p));
    if (now.length === 0) break;
    for (const p of now) signal(p, 'SIGSTOP');
    seen = new Set([...seen, ...now]);
  }
  for (const p of seen) signal(p, 'SIGKILL');
}

/** A mounted tmpfs of a given size, or why one cannot be mounted here. */
export interface SmallDisk {
  dir: string;
  unmount(): void;
}

/** Mounts a tmpfs of `size` (e.g. "2m") on a new directory under `parent`, or returns why not. */
export function mountTmpfs(parent: string, size: string): SmallDisk | string {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux, not ${process.platform}`;
  if (process.getuid?.() !== 0) return 'not root: cannot mount a small tmpfs';
  const dir = join(parent, 'disk');
  mkdirSync(dir, { recursive: true });
  const r = execaSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], { reject: false });
  if (r.exitCode !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${(r.stderr || r.shortMessage || '').trim()})`;
  }
  return {
    dir,
    unmount() {
      execaSync('umount', ['-l', dir], { reject: false });
    },
  };
}

/** Fills a filesystem until at most `leaveBytes` are free (a filler file next to the data). */
export function fillDisk(dir: string, leaveBytes: number): string {
  const filler = join(dir, 'filler');
  const free = Number(execaSync('df', ['-B1', '--output=avail', dir]).stdout.split('\n')[1]);
  const want = Math.max(0, free - leaveBytes);
  // dd stops at ENOSPC by itself when asked for more than there is (and exits 1: expected).
  execaSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4096', `count=${Math.ceil(want / 4096)}`], {
    stdio: 'ignore',
    reject: false,
  });
  return filler;
}
