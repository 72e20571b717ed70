import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../util/errors.js';
import { listHandler } from '../tasklist/handlers.js';
import { forEachTask } from '../tasklist/parse.js';
import { readSnapshot, type FileSnapshot } from './files.js';
import { isUnreachable } from './fs-errors.js';
import { forEachTaskLine, type Layout } from './layout.js';
import { appendedSince, readMeta } from './meta.js';
import { checkStateFiles } from './preflight.js';
import { NO_META_LIMIT } from './reader.js';
import { checkTasklistBytes, readTasklist, settledTasklist } from './tasklist-file.js';
import { checkToprocess, TasklistTexts } from './tasklist-texts.js';
import { refuseSymlinks, warnIfShared } from './trust.js';
import type { WorkdirOptions } from './workdir-types.js';

/** What the checks read, handed on so that opening reads nothing twice. */
export interface CheckedInputs {
  /** The tasklist's bytes that count (complete lines, or a settled last line). */
  tasklist: Buffer;
  /** `toprocess` as read and checked, when the workdir has one. */
  toprocess?: FileSnapshot;
  /** The tasklist's commands by id: the only ones the farmer runs. */
  trusted: TasklistTexts;
  /** One past the highest task id a record may name. */
  limit: number;
}

/**
 * Every check on the inputs of a farmer's start, made before anything is written: a bad input
 * throws a UsageError naming it, and the workdir stays as it was. The workdir must be a
 * directory we can write (or create), hold no symlinks or wrong kinds of state files, and fit
 * the tasklist: not edited since it was made (only appended to), bytes a command can hold, and
 * a `toprocess` that names only the tasklist's ids with the tasklist's commands.
 */
export async function checkOpenInputs(options: WorkdirOptions, paths: Layout): Promise<CheckedInputs> {
  checkWritableDir(paths.dir, 'workdir');
  refuseSymlinks(paths);
  warnIfShared(paths, options.tasklist, options.warn);
  checkStateFiles(paths);
  const meta = existsSync(paths.dir) ? readMeta(paths) : undefined;
  const toprocess = existsSync(paths.toprocess) ? readSnapshot(paths.toprocess) : undefined;
  // The whole tasklist, always: the commands come from it, never from the workdir's files.
  let buf = readTasklist(options.tasklist, true)!;
  let upTo = buf.length;
  if (!toprocess) ({ buf, upTo } = await settledTasklist(options.tasklist, buf));
  else if (meta) upTo = Math.max(meta.bytes, buf.lastIndexOf(0x0a) + 1);
  if (meta) appendedSince(meta, options.tasklist, paths.dir);
  checkTasklistBytes(options.tasklist, buf.subarray(0, upTo));
  buf = buf.subarray(0, upTo);
  const trusted = new TasklistTexts(options.tasklist, options.handler);
  trusted.load(buf, upTo);
  // Ids in a workdir without our meta are checked against the tasklist PyTaskFarmer numbered.
  const limit = meta ? meta.tasks : trusted.size;
  if (toprocess) {
    // An id no tasklist could have is corruption; one beyond ours is refused by checkToprocess.
    forEachTaskLine(toprocess.buf, paths.toprocess, (id) => {
      if (id >= Math.max(limit, NO_META_LIMIT))
        throw new UsageError(`${paths.toprocess}: task id ${id} is not one of the tasklist's ${limit} tasks`);
    });
    checkToprocess(toprocess.buf, paths.toprocess, trusted);
  }
  // A handler that rejects a line must do so before anything is created.
  else if (options.handler !== listHandler) forEachTask(buf.toString('utf8'), (line, id) => options.handler(line, id));
  return { tasklist: buf, toprocess, trusted, limit };
}

/** The workdir must be a writable directory, or creatable in its nearest existing parent. */
function checkWritableDir(dir: string, what: string): void {
  let p = dir;
  for (;;) {
    let stats;
    try {
      stats = statSync(p);
    } catch (err) {
      if (isUnreachable(err)) throw err;
      const parent = dirname(p);
      if (parent === p) throw new UsageError(`${what} ${dir} cannot be created`);
      p = parent;
      continue;
    }
    if (!stats.isDirectory()) {
      throw new UsageError(
        p === dir
          ? `${what} ${dir} exists and is not a directory`
          : `${what} ${dir} cannot be created: ${p} is not a directory`,
      );
    }
    try {
      accessSync(p, constants.W_OK | constants.X_OK);
    } catch {
      throw new UsageError(
        p === dir ? `${what} ${dir} is not writable` : `${what} ${dir} cannot be created: ${p} is not writable`,
      );
    }
    return;
  }
}
