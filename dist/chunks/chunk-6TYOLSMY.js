import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);

// src/util/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
  exitCode = 2;
};
function isUsageError(err) {
  return err instanceof UsageError;
}
function oneLine(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, " ").trim();
}

// src/workdir/layout.ts
import { readdirSync } from "node:fs";
import { join } from "node:path";
function layout(dir) {
  const state = join(dir, ".taskfarmer");
  return {
    dir,
    toprocess: join(dir, "toprocess"),
    finished: join(dir, "finished"),
    failed: join(dir, "failed"),
    timeline: join(dir, "timeline.json"),
    logs: join(dir, "logs"),
    state,
    meta: join(state, "meta.json"),
    lock: join(state, "lock"),
    journals: join(state, "journal"),
    history: join(state, "history"),
    carry: join(state, "carry.jsonl")
  };
}
function logPath(l, id) {
  return join(l.logs, `log_${id}`);
}
function journalPath(l, farmerId) {
  return join(l.journals, `${farmerId}.jsonl`);
}
function listJournals(l) {
  const list = (dir) => {
    try {
      return readdirSync(dir).filter((n) => n.endsWith(".jsonl")).sort();
    } catch {
      return [];
    }
  };
  const out = [];
  for (const name of list(l.history)) {
    const m = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-(.+)\.jsonl$/.exec(name);
    out.push({ farmer: m ? m[1] : name.slice(0, -6), path: join(l.history, name), active: false });
  }
  for (const name of list(l.journals))
    out.push({ farmer: name.slice(0, -6), path: join(l.journals, name), active: true });
  return out;
}
var FILE_MODE = 420;
var DIR_MODE = 493;
function formatTaskLine(id, task) {
  return `${id} ${task}
`;
}
function forEachTaskLine(buf, file, fn, opts = {}) {
  forEachTaskLineRange(buf, file, fn && ((id, start, end) => fn(id, buf.toString("utf8", start, end))), opts);
}
function forEachTaskLineRange(buf, file, fn, opts = {}) {
  let start = 0;
  for (let n = 1; start < buf.length; n++) {
    let nl = buf.indexOf(10, start);
    if (nl < 0 && opts.lenient) break;
    if (nl < 0) nl = buf.length;
    if (nl > start) {
      let i = start;
      let id = 0;
      while (i < nl && buf[i] >= 48 && buf[i] <= 57) id = id * 10 + (buf[i++] - 48);
      const bad = i === start || i < nl && buf[i] !== 32;
      if (bad && opts.lenient) {
        start = nl + 1;
        continue;
      }
      if (bad) {
        throw new Error(
          `${file}:${n}: expected "<id> <task>", got "${buf.toString("utf8", start, Math.min(nl, start + 60))}"`
        );
      }
      fn?.(id, Math.min(i + 1, nl), nl);
    }
    start = nl + 1;
  }
}
function idsOfTaskLines(text) {
  const ids = [];
  let start = 0;
  for (; ; ) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) break;
    const space = text.indexOf(" ", start);
    const end = space >= 0 && space < nl ? space : nl;
    const id = Number(text.slice(start, end));
    if (end > start && Number.isInteger(id)) ids.push(id);
    start = nl + 1;
  }
  return ids;
}

export {
  UsageError,
  isUsageError,
  oneLine,
  layout,
  logPath,
  journalPath,
  listJournals,
  FILE_MODE,
  DIR_MODE,
  formatTaskLine,
  forEachTaskLine,
  forEachTaskLineRange,
  idsOfTaskLines
};
