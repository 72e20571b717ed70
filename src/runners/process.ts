import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { RunSpec } from './types.js';

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** The command could not be started at all (e.g. ENOENT). */
  error?: string;
}

export interface Launched {
  pid: number | undefined;
  exited: Promise<ExitInfo>;
}

/**
 * Starts a task in its own process group (so the whole tree can be signalled at once) with
 * stdout and stderr going straight to its log file: no pipe for a grandchild to hold open.
 */
export function launch(spec: RunSpec, logFile: string, env: NodeJS.ProcessEnv): Launched {
  const fd = openSync(logFile, 'w', 0o644);
  try {
    const child = spawn(spec.file, spec.args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env,
      cwd: spec.cwd,
    });
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('error', (err) => resolve({ code: null, signal: null, error: err.message }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    return { pid: child.pid, exited };
  } finally {
    closeSync(fd);
  }
}

/** Signals a task's whole process group; a group already gone is not an error. */
export function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: every process of the group has exited.
  }
}
