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
function stateFiles(l: Layout): string[] {
  return [
    l.toprocess,
    l.finished,
    l.failed,
    l.timeline,
    l.logs,
    l.state,
    l.meta,
    l.lock,
    l.journals,
    l.history,
    l.carry,
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
export function refuseSymlinks(l: Layout): void {
  for (const path of stateFiles(l)) {
    if (lstatOrUndefined(path)?.isSymbolicLink()) {
      throw new UsageError(
        `workdir ${l.dir}: ${relative(l.dir, path)} is a symbolic link; refusing to write through it (remove it, or use a new --workdir)`,
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
export function warnIfShared(l: Layout, tasklist: string, warn: (msg: string) => void): void {
  if (warned.has(l.dir)) return;
  const uid = process.getuid?.();
  const problems: string[] = [];
  // Not the lock: proper-lockfile makes it with mkdir's default mode, and it comes and goes.
  for (const path of [tasklist, l.dir, ...stateFiles(l).filter((p) => p !== l.lock)]) {
    const st = lstatOrUndefined(path);
    if (!st || st.isSymbolicLink()) continue;
    const name = path === tasklist ? `tasklist ${basename(path)}` : relative(l.dir, path) || 'the workdir';
    if (uid !== undefined && st.uid !== uid) problems.push(`${name} is owned by uid ${st.uid}`);
    else if (st.mode & 0o022) {
      const who = [st.mode & 0o020 ? 'group' : '', st.mode & 0o002 ? 'others' : ''].filter(Boolean).join(' and ');
      problems.push(`${name} is writable by ${who}`);
    }
  }
  if (problems.length === 0) return;
  warned.add(l.dir);
  const shown = problems.slice(0, 3).join(', ') + (problems.length > 3 ? `, and ${problems.length - 3} more` : '');
  warn(
    `workdir ${l.dir} can be changed by other users (${shown}): they can requeue or hide tasks (only the tasklist's commands run); make it yours alone (chmod -R go-w)`,
  );
}
