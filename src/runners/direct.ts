import { closeSync } from 'node:fs';
import { constants } from 'node:os';
import { execa } from 'execa';
import { createFresh } from '../util/no-follow.js';
import type { LogTarget } from '../workdir/tasklog.js';
import { AppendLog, type OpenFrame } from './append-log.js';
import { killTree, type CpuBinding, type ExitInfo, type Launched, type Launcher } from './launcher.js';
import type { RunSpec } from './types.js';

/**
 * Node spawns each task itself, through execa: for machines without perl, and when
 * TASKFARMER_LAUNCHER=node asks. execa's own kill, timeout and cleanup signal only the direct
 * child (a shell's grandchildren would live on), so the task is detached into its own process
 * group and killed by group, as the perl launcher's are; its output goes to the log file by
 * descriptor, never through a pipe a grandchild could hold open. The same log modes as
 * launcher.pl: a fresh file of its own, or a frame appended to the slot's file.
 */
export class DirectLauncher implements Launcher {
  /** The slot's append-mode log (--logs per-worker), kept open between tasks. */
  private readonly appendLog = new AppendLog();

  /** `bind`: the slot's cores; each task is started under taskset. */
  constructor(
    private readonly baseEnv: NodeJS.ProcessEnv,
    private readonly bind?: CpuBinding,
  ) {}

  run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched {
    const [file, args] = this.bind
      ? [this.bind.taskset, ['-c', this.bind.cpus, spec.file, ...spec.args]]
      : [spec.file, spec.args];
    let frame: OpenFrame | undefined;
    let fd: number;
    try {
      fd = log.append ? this.appendLog.open(log.path) : createFresh(log.path, 0o644);
      if (log.append && log.header) frame = this.appendLog.begin(log.header);
    } catch (err) {
      return { exited: Promise.resolve({ code: 127, signal: null, error: (err as Error).message }), kill: () => {} };
    }
    try {
      const task = execa(file, args, {
        detached: true,
        cleanup: false,
        reject: false,
        stdin: 'ignore',
        // execa's types name descriptors 3 to 9 only; any open descriptor goes to spawn as is.
        stdout: fd as 3,
        stderr: fd as 3,
        env: { ...this.baseEnv, ...env },
        extendEnv: false,
        cwd: spec.cwd,
      });
      const ended = (info: ExitInfo): ExitInfo => {
        if (frame) {
          try {
            this.appendLog.end(frame);
          } catch {
            // The size slot stays unfilled: readers take the frame as cut short.
          }
          frame = undefined;
        }
        return info;
      };
      const exited = task.then(
        (r): ExitInfo => {
          if (r.signal) return ended({ code: 128 + (constants.signals[r.signal] ?? 0), signal: r.signal });
          if (r.exitCode !== undefined) return ended({ code: r.exitCode, signal: null });
          return ended({ code: 127, signal: null, error: r.originalMessage ?? r.shortMessage });
        },
        (err: Error): ExitInfo => ended({ code: 127, signal: null, error: err.message }),
      );
      return { exited, kill: (signal) => killTree(task.pid, signal) };
    } finally {
      // Spawned (or not): the child holds its own copy of a per-task log's descriptor.
      if (!log.append) closeSync(fd);
    }
  }

  close(): void {
    this.appendLog.close();
  }
}
