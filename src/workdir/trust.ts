import { lstatSync, type Stats } from 'node:fs';
import { basename, relative } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { Layout } from './layout.js';

/**
 * What a farmer assumes of a workdir another user might share. Its state files must be its
 * own files, not symlinks (it would write through them: a root farmer overwrote a planted
 * `logs/log_0 -> /root-owned-file`); and when others can write them, the user hears it once.
 */

/** The protocol's files and folders that a farmer writes or trusts, as found in the layout. */
function stateFiles(paths: Layout): string[] {
  return [
    paths.toprocess,
    paths.finished,
    paths.failed,
    paths.timeline,
    paths.logs,
    paths.state,
    paths.meta,
    paths.lock,
    paths.journals,
    paths.history,
    paths.carry,
  ];
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Refuses (UsageError, nothing written) a workdir whose state files or folders are symlinks. */
export function refuseSymlinks(paths: Layout): void {
  for (const path of stateFiles(paths)) {
    if (lstatOrUndefined(path)?.isSymbolicLink()) {
      throw new UsageError(
        `workdir ${paths.dir}: ${relative(paths.dir, path)} is a symbolic link; refusing to write through it (remove it, or use a new --workdir)`,
      );
    }
  }
}

const warned = new Set<string>();

/**
 * One warning (per workdir and process) when the workdir, its state files or the tasklist can
 * be changed by someone else: writable by group or others, or owned by another user. Only the
 * tasklist's commands ever run, but such a user can still requeue, hide or fail tasks.
 */
export function warnIfShared(paths: Layout, tasklist: string, warn: (msg: string) => void): void {
  if (warned.has(paths.dir)) return;
  const uid = process.getuid?.();
  const problems: string[] = [];
  // Not the lock: proper-lockfile makes it with mkdir's default mode, and it comes and goes.
  for (const path of [tasklist, paths.dir, ...stateFiles(paths).filter((p) => p !== paths.lock)]) {
    const stats = lstatOrUndefined(path);
    if (!stats || stats.isSymbolicLink()) continue;
    const name = path === tasklist ? `tasklist ${basename(path)}` : relative(paths.dir, path) || 'the workdir';
    if (uid !== undefined && stats.uid !== uid) problems.push(`${name} is owned by uid ${stats.uid}`);
    else if (stats.mode & 0o022) {
      const who = [stats.mode & 0o020 ? 'group' : '', stats.mode & 0o002 ? 'others' : ''].filter(Boolean).join(' and ');
      problems.push(`${name} is writable by ${who}`);
    }
  }
  if (problems.length === 0) return;
  warned.add(paths.dir);
  const shown = problems.slice(0, 3).join(', ') + (problems.length > 3 ? `, and ${problems.length - 3} more` : '');
  warn(
    `workdir ${paths.dir} can be changed by other users (${shown}): they can requeue or hide tasks (only the tasklist's commands run); make it yours alone (chmod -R go-w)`,
  );
}
