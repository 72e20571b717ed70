import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync } from 'node:fs';
import { constants } from 'node:os';
import { createFresh } from '../util/no-follow.js';
import { FARMER_SIGNALS } from '../util/signals.js';
import type { LogTarget } from '../workdir/tasklog.js';
import { AppendLog, type OpenFrame } from './append-log.js';
import LAUNCHER from './launcher.pl';
import type { RunSpec } from './types.js';

export interface ExitInfo {
  /** Exit status as a shell reports it (`$?`: 128+N when killed by signal N), null if unknown. */
  code: number | null;
  signal: string | null;
  /** The command could not be started, or its launcher died. */
  error?: string;
}

/** One running attempt, in its own process group. */
export interface Launched {
  exited: Promise<ExitInfo>;
  /** Signals the attempt's whole process tree (now, or as soon as its pid is known). */
  kill(signal: NodeJS.Signals): void;
}

/** Signals a process group; a group already gone is not an error. */
export function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: every process of the group has exited.
  }
}

/** The first perl on PATH (Debian's perl-base is essential; HPC nodes have it), if any. */
const PERL: string | undefined = (() => {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const p = `${dir || '.'}/perl`;
    if (dir && existsSync(p)) return p;
  }
  return undefined;
})();

const signalNames = new Map<number, string>(Object.entries(constants.signals).map(([k, v]) => [v, k]));

/**
 * Starts tasks for one worker slot. Forking from Node costs ~1.4 ms of CPU a task (it copies a
 * large address space): more than running `true` itself. So each slot keeps a small perl
 * launcher (launcher.pl, its wire protocol in its header) that forks the tasks. Each task still gets its
 * own process group, its log (a file of its own, or a frame appended to the slot's file), and
 * its exact exit status or signal. Without perl, Node spawns the tasks itself.
 */
export class SlotLauncher {
  private child: ChildProcess | undefined;
  private buffered = '';
  private current: { resolve: (e: ExitInfo) => void; pid?: number; pendingKill?: NodeJS.Signals } | undefined;
  /** The slot's append-mode log when Node spawns (no perl). */
  private readonly appendLog = new AppendLog();

  /**
   * `bind`: the slot's cores and the taskset that binds them. The launcher is started under
   * taskset once, and every task it forks inherits its affinity: binding costs nothing per
   * task. Without perl each task is wrapped in taskset instead. `perl`: null forces Node's spawn.
   */
  constructor(
    private readonly baseEnv: NodeJS.ProcessEnv,
    private readonly bind?: { cpus: string; taskset: string },
    private readonly perl: string | null = PERL ?? null,
  ) {}

  run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched {
    if (!this.perl) {
      const bound = this.bind ? { file: this.bind.taskset, args: ['-c', this.bind.cpus, spec.file, ...spec.args] } : {};
      return spawnDirect({ ...spec, ...bound }, log, { ...this.baseEnv, ...env }, this.appendLog);
    }
    const child = this.ensure(this.perl);
    const cur: NonNullable<SlotLauncher['current']> = { resolve: () => {} };
    const exited = new Promise<ExitInfo>((resolve) => (cur.resolve = resolve));
    this.current = cur;
    const envs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const mode = log.append ? 'a' : 'w';
    const fields = [log.path, mode, log.header, spec.cwd ?? '', String(envs.length), ...envs, spec.file, ...spec.args];
    let msg = `${fields.length}\n`;
    for (const f of fields) msg += `${Buffer.byteLength(f)}\n${f}`;
    child.stdin!.write(msg);
    return {
      exited,
      kill: (signal) => {
        if (cur.pid) killTree(cur.pid, signal);
        else cur.pendingKill = signal;
      },
    };
  }

  /** Ends the launcher (it exits when its input closes). */
  close(): void {
    this.child?.stdin?.end();
    this.child = undefined;
    this.appendLog.close();
  }

  private ensure(perl: string): ChildProcess {
    if (this.child) return this.child;
    // Detached: a terminal's Ctrl-C reaches the farmer, which then stops tasks in order.
    // The launcher ignores the farmer's own signals; it is told their names (without SIG).
    const ignored = FARMER_SIGNALS.map((s) => s.slice(3));
    const argv = [perl, '-e', LAUNCHER, '--', ...ignored];
    if (this.bind) argv.unshift(this.bind.taskset, '-c', this.bind.cpus);
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: this.baseEnv,
      detached: true,
    });
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => this.onData(chunk));
    child.stdin!.on('error', () => {});
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
      const cur = this.current;
      this.current = undefined;
      if (cur) {
        killTree(cur.pid, 'SIGKILL');
        cur.resolve({ code: null, signal: null, error: 'its launcher process died' });
      }
    });
    child.unref();
    this.child = child;
    return child;
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let nl: number;
    while ((nl = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      const cur = this.current;
      if (!cur) continue;
      const value = Number(line.slice(2));
      if (line[0] === 'P') {
        cur.pid = value;
        if (cur.pendingKill) killTree(value, cur.pendingKill);
        continue;
      }
      this.current = undefined;
      if (line[0] === 'X') cur.resolve({ code: value, signal: null });
      else if (line[0] === 'S') cur.resolve({ code: 128 + value, signal: signalNames.get(value) ?? `SIG${value}` });
      else cur.resolve({ code: 127, signal: null, error: line.slice(2) });
    }
  }
}

/** Node's own spawn, for machines without perl (the same log modes as the launcher). */
function spawnDirect(spec: RunSpec, log: LogTarget, env: NodeJS.ProcessEnv, appendLog: AppendLog): Launched {
  let child: ChildProcess;
  let frame: OpenFrame | undefined;
  try {
    const fd = log.append ? appendLog.open(log.path) : createFresh(log.path, 0o644);
    try {
      if (log.append && log.header) frame = appendLog.begin(log.header);
      child = spawn(spec.file, spec.args, { detached: true, stdio: ['ignore', fd, fd], env, cwd: spec.cwd });
    } finally {
      if (!log.append) closeSync(fd);
    }
  } catch (err) {
    return { exited: Promise.resolve({ code: 127, signal: null, error: (err as Error).message }), kill: () => {} };
  }
  const exited = new Promise<ExitInfo>((resolve) => {
    const end = (info: ExitInfo) => {
      if (frame) {
        try {
          appendLog.end(frame);
        } catch {
          // The slot stays unfilled: readers take the frame as cut short.
        }
        frame = undefined;
      }
      resolve(info);
    };
    child.once('error', (err) => end({ code: 127, signal: null, error: err.message }));
    child.once('exit', (code, signal) => end({ code: code ?? (signal ? 128 + signalNumber(signal) : null), signal }));
  });
  return { exited, kill: (signal) => killTree(child.pid, signal) };
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0;
}
