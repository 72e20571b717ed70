import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  DIR_MODE,
  Reader,
  appendLines,
  encodeRecords,
  forEachTaskLine,
  formatTaskLine,
  journalPath,
  layout,
  newFarmerId,
  readMeta,
  withLock,
  writeFileAtomic
} from "./chunk-BHPX7USW.js";
import "./chunk-6XEX5UTC.js";
import "./chunk-5UQ4L4UB.js";
import {
  UsageError,
  isUsageError
} from "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";

// src/cli/requeue-command.ts
import { resolve } from "node:path";

// src/workdir/requeue.ts
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
async function requeue(req) {
  const paths = layout(req.dir);
  checkWorkdir(paths, req.dir);
  const created = [paths.state, paths.journals, paths.history].filter((d) => !existsSync(d));
  for (const d of created) mkdirSync(d, { recursive: true, mode: DIR_MODE });
  try {
    return await withLock(paths.lock, { stale: req.lockStale ?? 3e4 }, () => requeueLocked(paths, req.ids));
  } catch (err) {
    if (isUsageError(err)) for (const d of created.reverse()) rmSync(d, { recursive: true, force: true });
    throw err;
  }
}
function checkWorkdir(paths, dir) {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`requeue: workdir ${dir} does not exist`);
  }
  if (!isDir) throw new UsageError(`requeue: ${dir} is not a directory`);
  if (!existsSync(paths.toprocess) || !existsSync(paths.failed)) {
    throw new UsageError(`requeue: ${dir} is not a taskfarmer workdir (no toprocess or failed file)`);
  }
}
function requeueLocked(paths, want) {
  const reader = new Reader(paths);
  reader.loadBase();
  reader.poll();
  const state = reader.state;
  const failedLines = /* @__PURE__ */ new Map();
  forEachTaskLine(readFileSync(paths.failed), paths.failed, (id, task) => failedLines.set(id, task));
  const isFailed = (id) => failedLines.has(id) && [4 /* Failed */, 0 /* Absent */].includes(state.statusOf(id));
  let ids;
  if (want === "failed") ids = [...failedLines.keys()].filter(isFailed);
  else {
    for (const id of want) if (!isFailed(id)) throw new UsageError(`requeue: ${whyNot(paths, state, failedLines, id)}`);
    ids = want;
  }
  ids = [...new Set(ids)].sort((a, b) => a - b);
  if (ids.length === 0) return { moved: [], live: false };
  const moved = ids.map((id) => ({ id, task: failedLines.get(id) }));
  const records = moved.map(({ id, task }) => ({
    t: "rerun",
    id,
    a: state.statusOf(id) === 4 /* Failed */ ? state.attemptOf(id) : 0,
    task
  }));
  const journals = readdirSync(paths.journals).filter((n) => n.endsWith(".jsonl"));
  const farmerId = `requeue-${newFarmerId()}`;
  const moveSet = new Set(ids);
  const failedKept = () => {
    let out = "";
    forEachTaskLine(readFileSync(paths.failed), paths.failed, (id, task) => {
      if (!moveSet.has(id)) out += formatTaskLine(id, task);
    });
    return out;
  };
  if (journals.length > 0) {
    appendLines(journalPath(paths, farmerId), encodeRecords(records));
    writeFileAtomic(paths.failed, [failedKept()]);
    return { moved, live: true };
  }
  const merged = mergeLines(readFileSync(paths.toprocess), paths.toprocess, moved);
  writeFileAtomic(paths.toprocess, merged);
  writeFileAtomic(paths.failed, [failedKept()]);
  const stamp = (/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-");
  appendLines(join(paths.history, `${stamp}-${farmerId}.jsonl`), encodeRecords(records));
  return { moved, live: false };
}
function* mergeLines(buf, file, moved) {
  let i = 0;
  const lines = [];
  forEachTaskLine(buf, file, (id, task) => {
    while (i < moved.length && moved[i].id < id) lines.push(formatTaskLine(moved[i].id, moved[i++].task));
    if (i < moved.length && moved[i].id === id) i++;
    lines.push(formatTaskLine(id, task));
  });
  while (i < moved.length) lines.push(formatTaskLine(moved[i].id, moved[i++].task));
  yield* lines;
}
function whyNot(paths, state, failed, id) {
  const total = Math.max(readMeta(paths)?.tasks ?? 0, state.size);
  if (id >= total) return `task ${id} does not exist (the workdir has ${total} tasks, ids 0-${total - 1})`;
  const where = {
    [0 /* Absent */]: "finished",
    [1 /* Pending */]: "still to process",
    [2 /* Claimed */]: "running",
    [3 /* Done */]: "finished",
    [4 /* Failed */]: "failed"
  };
  const s = state.statusOf(id);
  if (failed.has(id)) return `task ${id} is ${where[s]}, not failed, in the journals`;
  return `task ${id} has not failed (it is ${where[s]})`;
}

// src/cli/requeue-command.ts
async function runRequeue(a, out) {
  const { moved, live } = await requeue({ dir: resolve(a.workdir), ids: a.ids });
  if (moved.length === 0) {
    out(`taskfarmer: no failed tasks to requeue in ${a.workdir}`);
    return 0;
  }
  for (const m of moved) out(`requeued ${m.id} ${m.task}`);
  const next = live ? "running farmers pick them up; or run the farm again" : "run the farm again to run them";
  out(`taskfarmer: ${moved.length} failed task${moved.length === 1 ? "" : "s"} back in toprocess (${next})`);
  return 0;
}
export {
  runRequeue
};
