import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import { execa } from 'execa';
import { killTree, type ExitInfo, type Launched, type Launcher } from './launcher.js';
import type { RunSpec } from './types.js';

/**
 * Node spawns each task itself, through execa: for machines without perl, and when
 * TASKFARMER_LAUNCHER=node asks. execa's own kill, timeout and cleanup signal only the direct
 * child (a shell's grandchildren would live on), so the task is detached into its own process
 * group and killed by group, as the perl launcher's are; its output goes to the log file by
 * descriptor, never through a pipe a grandchild could hold open.
 */
export class DirectLauncher implements Launcher {
  constructor(private readonly baseEnv: NodeJS.ProcessEnv) {}

  run(spec: RunSpec, logFile: string, env: Record<string, string>): Launched {
    // execa's types name descriptors 3 to 9 only; any open descriptor goes to spawn as is.
    const fd = openSync(logFile, 'w', 0o644) as 3;
    try {
      const task = execa(spec.file, spec.args, {
        detached: true,
        cleanup: false,
        reject: false,
        stdin: 'ignore',
        stdout: fd,
        stderr: fd,
        env: { ...this.baseEnv, ...env },
        extendEnv: false,
        cwd: spec.cwd,
      });
      const exited = task.then(
        (r): ExitInfo => {
          if (r.signal) return { code: 128 + (constants.signals[r.signal] ?? 0), signal: r.signal };
          if (r.exitCode !== undefined) return { code: r.exitCode, signal: null };
          return { code: 127, signal: null, error: r.originalMessage ?? r.shortMessage };
        },
        (err: Error): ExitInfo => ({ code: 127, signal: null, error: err.message }),
      );
      return { exited, kill: (signal) => killTree(task.pid, signal) };
    } finally {
      // Spawned (or not): the child holds its own copy of the descriptor.
      closeSync(fd);
    }
  }

  close(): void {}
}
