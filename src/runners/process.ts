import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { FARMER_SIGNALS } from '../util/signals.js';
import type { LogTarget } from '../workdir/tasklog.js';
import LAUNCHER from './launcher-source.js';
import { killTree, type CpuBinding, type ExitInfo, type Launched, type Launcher } from './launcher.js';
import type { RunSpec } from './types.js';

/** The first perl on PATH (Debian's perl-base is essential; HPC nodes have it), if any. */
export function findPerl(path = '/usr/bin:/bin'): string | undefined {
  for (const dir of path.split(':')) {
    const p = `${dir}/perl`;
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

const signalNames = new Map<number, string>(Object.entries(constants.signals).map(([k, v]) => [v, k]));

/**
 * Starts tasks for one worker slot. Spawning from Node copies its large address space: on our
 * 2-core machine 1,000 `true` tasks took 6.9x the wall time with Node spawning each task than
 * through this launcher (npm run bench, the "no perl" row; docs/architecture.md). So each slot
 * keeps a small perl launcher (launcher.pl, its wire protocol in its header) that forks the
 * tasks. Each task still gets its own process group, its log (a file of its own, or a frame
 * appended to the slot's file), and its exact exit status or signal.
 */
export class PerlLauncher implements Launcher {
  private child: ChildProcess | undefined;
  private buffered = '';
  private current: { resolve: (e: ExitInfo) => void; pid?: number; pendingKill?: NodeJS.Signals } | undefined;

  /**
   * `bind`: the slot's cores. The launcher is started under taskset once, and every task it
   * forks inherits its affinity: binding costs nothing per task.
   */
  constructor(
    private readonly perl: string,
    private readonly baseEnv: NodeJS.ProcessEnv,
    private readonly bind?: CpuBinding,
  ) {}

  run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched {
    const child = this.ensure();
    const cur: NonNullable<PerlLauncher['current']> = { resolve: () => {} };
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
  }

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    // Detached: a terminal's Ctrl-C reaches the farmer, which then stops tasks in order.
    // The launcher ignores the farmer's own signals; it is told their names (without SIG).
    const ignored = FARMER_SIGNALS.map((s) => s.slice(3));
    const argv = [this.perl, '-e', LAUNCHER, '--', ...ignored];
    if (this.bind) argv.unshift(this.bind.taskset, '-c', this.bind.cpus);
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: this.baseEnv,
      detached: true,
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stdin.on('error', () => {});
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
