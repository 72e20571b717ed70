import { listHandler, type TasklistHandler } from '../tasklist/handlers.js';
import { forEachTask, forEachTaskBytes } from '../tasklist/parse.js';
import { createIfAbsent } from '../util/no-follow.js';
import { taskLines } from './compact.js';
import { writeFileAtomic } from './files.js';
import type { Fence } from './fence.js';
import { FILE_MODE, type Layout } from './layout.js';
import { newMeta, writeMeta, type Meta } from './meta.js';
import type { TaskState } from './state.js';

/**
 * Makes the files of a new workdir from the tasklist's bytes: its tasks go into `state` (the
 * base), then `toprocess`, empty `finished` and `failed`, an empty `timeline.json` array, and
 * `meta.json`, which it returns. Under the lock.
 */
export function createWorkdirFiles(
  paths: Layout,
  state: TaskState,
  source: { tasklist: string; handler: TasklistHandler },
  buf: Buffer,
  fence: Fence,
): Meta {
  let count: number;
  if (source.handler === listHandler) {
    // The tasks stay byte ranges of the tasklist's Buffer: no decoded copy, no string each.
    state.setBaseBuffer(buf);
    count = forEachTaskBytes(
      buf,
      (id, start, end) => state.addBaseRange(id, start, end),
      (id, line) => state.addBase(id, line),
    );
  } else count = forEachTask(buf.toString('utf8'), (line, id) => state.addBase(id, source.handler(line, id)));
  writeFileAtomic(
    paths.toprocess,
    taskLines((id) => state.task(id), count),
    fence,
  );
  for (const file of [paths.finished, paths.failed]) createIfAbsent(file, '', FILE_MODE);
  createIfAbsent(paths.timeline, '[\n]\n', FILE_MODE);
  const meta = newMeta(source.tasklist, buf, count);
  writeMeta(paths, meta, fence);
  return meta;
}
