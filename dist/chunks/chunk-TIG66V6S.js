import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  require_ms
} from "./chunk-EDVIATQW.js";
import {
  DIR_MODE,
  FILE_MODE,
  LOST_CAP,
  LockLostError,
  LockWaitAborted,
  NO_FENCE,
  NO_META_LIMIT,
  Reader,
  TaskTexts,
  appendJsonArray,
  appendLines,
  appendOwn,
  appendedSince,
  checkTasklistBytes,
  decodeChunk,
  encodeRecords,
  errorCode,
  farmerGone,
  forEachTask,
  forEachTaskBytes,
  forEachTaskLine,
  formatTaskLine,
  helloRecord,
  host,
  idsOfTaskLines,
  isUnreachable,
  isUnreachableText,
  journalPath,
  layout,
  listJournals,
  newFarmerId,
  newMeta,
  openTasklist,
  parseTasklist,
  readMeta,
  readRange,
  readSnapshot,
  readTail,
  readTasklist,
  readerFor,
  settledTasklist,
  tasklistBytesProblem,
  withLock,
  withOpenFile,
  workdirLayout,
  writeFileAtomic,
  writeMeta
} from "./chunk-BHPX7USW.js";
import {
  findExecutable,
  listHandler,
  resolveHandler,
  resolveRunner
} from "./chunk-4GSG2RMJ.js";
import {
  DRAIN_SIGNAL,
  FARMER_SIGNALS,
  STOP_SIGNALS
} from "./chunk-D3XK7U5S.js";
import {
  READ_APPEND_NO_FOLLOW,
  appendNoFollow,
  createIfAbsent
} from "./chunk-5UQ4L4UB.js";
import {
  defaultLaunchers
} from "./chunk-T4NJYJET.js";
import {
  UsageError,
  isUsageError,
  oneLine
} from "./chunk-VRDWDH7S.js";
import {
  recordLockHold
} from "./chunk-6H3QD4FL.js";
import {
  __toESM
} from "./chunk-CFRLDQD2.js";

// src/util/duration.ts
var import_ms = __toESM(require_ms(), 1);
function parseDuration(value, what) {
  const text = String(value).trim();
  let millis;
  if (/^\d+(\.\d+)?$/.test(text)) millis = Number(text) * 1e3;
  else if (/^(\d+(\.\d+)?\s*[a-z]+\s*)+$/i.test(text)) {
    millis = 0;
    for (const part of text.match(/\d+(\.\d+)?\s*[a-z]+/gi)) millis += (0, import_ms.default)(part) ?? NaN;
  }
  if (millis === void 0 || !Number.isFinite(millis) || millis <= 0) {
    throw new UsageError(
      `${what} must be a positive duration in seconds or with a unit such as 90s, 15m, 2h (got "${text}")`
    );
  }
  return millis;
}
function formatDuration(millis) {
  if (millis < 1e3) return `${Math.round(millis)}ms`;
  const s = millis / 1e3;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

// src/workdir/fstype.ts
import { readFileSync, statfsSync } from "node:fs";
import { dirname, resolve } from "node:path";
var MAGIC = {
  26985: "nfs",
  198183888: "lustre",
  1196443219: "gpfs",
  1702057286: "fuse",
  16914836: "tmpfs",
  2240043254: "ramfs",
  61267: "ext4",
  1481003842: "xfs",
  2435016766: "btrfs",
  801189825: "zfs",
  2035054128: "overlay",
  12805120: "ceph",
  428016422: "beegfs",
  4283649346: "cifs",
  4266872130: "smb2",
  2866260714: "panfs",
  16914839: "9p"
};
var SHARED = /^(nfs4?|lustre|gpfs|ceph|beegfs|cifs|smb[23]?|panfs|9p|fuse\.(glusterfs|ceph.*|sshfs|s3fs|gcsfuse|beegfs|lustre|juicefs|cvmfs.*)|glusterfs|afs|orangefs|pvfs2)$/;
var LOCAL = /^(ext[234]|xfs|btrfs|zfs|overlay|f2fs|reiserfs|jfs|vfat|exfat|ntfs.*|fuseblk)$/;
var MEMORY = /^(tmpfs|ramfs|devtmpfs)$/;
function magicName(fType) {
  return MAGIC[fType >>> 0] ?? `unknown (0x${(fType >>> 0).toString(16)})`;
}
function scopeOf(type) {
  if (MEMORY.test(type)) return "memory";
  if (SHARED.test(type)) return "shared";
  if (LOCAL.test(type)) return "local";
  return "unknown";
}
function parseMounts(text) {
  const unescape = (s) => s.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
  const out = [];
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    if (f.length < 3 || !f[1]) continue;
    out.push({ source: unescape(f[0]), mountpoint: unescape(f[1]), type: f[2] });
  }
  return out;
}
function mountOf(path, mounts) {
  let best;
  for (const m of mounts) {
    const mp = m.mountpoint;
    const under = mp === "/" || path === mp || path.startsWith(mp.endsWith("/") ? mp : mp + "/");
    if (under && (!best || mp.length >= best.mountpoint.length)) best = m;
  }
  return best;
}
function describeFilesystem(fType, mount) {
  const magic = fType === void 0 ? void 0 : magicName(fType);
  let type = magic ?? mount?.type ?? "unknown";
  const agrees = mount && (!magic || mount.type === magic || mount.type.startsWith(`${magic}.`) || magic === "nfs" && mount.type === "nfs4" || magic === "ext4" && /^ext[23]$/.test(mount.type));
  if (agrees) type = mount.type;
  const info = { type, scope: scopeOf(type) };
  if (agrees) Object.assign(info, { mountpoint: mount.mountpoint, source: mount.source });
  return info;
}
function detectFilesystem(dir, mountsFile = "/proc/mounts") {
  let p = resolve(dir);
  let fType;
  for (; ; ) {
    try {
      fType = statfsSync(p).type;
      break;
    } catch {
      if (dirname(p) === p) break;
      p = dirname(p);
    }
  }
  let mounts = [];
  try {
    mounts = parseMounts(readFileSync(mountsFile, "utf8"));
  } catch {
  }
  return describeFilesystem(fType, mountOf(p, mounts));
}
function formatFilesystem(fs) {
  const where = fs.source && fs.mountpoint ? ` (${fs.source} on ${fs.mountpoint})` : "";
  const scope = {
    shared: "shared between nodes",
    local: "this node's own disk",
    memory: "this node's memory",
    unknown: "not known to be shared"
  }[fs.scope];
  return `${fs.type}${where}, ${scope}`;
}

// src/farm/farm.ts
import { resolve as resolve2 } from "node:path";

// src/util/long-timer.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
function setLongTimeout(fn, ms2) {
  let left = ms2;
  let timer;
  const arm = () => {
    const step = Math.min(left, MAX_TIMER_MS);
    left -= step;
    timer = setTimeout(left > 0 ? arm : fn, step);
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
function cancelTimer(t) {
  if ("clear" in t) t.clear();
  else clearTimeout(t);
}

// src/workdir/workdir.ts
import { existsSync as existsSync4, readdirSync as readdirSync3 } from "node:fs";

// src/util/count.ts
import { readFileSync as readFileSync2 } from "node:fs";
function countLines(path) {
  try {
    const buf = readFileSync2(path);
    let n = 0;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
}

// src/workdir/timeline-events.ts
function attemptEvent(c, outcome, farmerId) {
  return JSON.stringify({
    name: c.task,
    cat: outcome,
    ph: "X",
    ts: c.start * 1e3,
    dur: Math.max(0, c.end - c.start) * 1e3,
    pid: process.pid,
    tid: c.slot,
    args: { id: c.id, attempt: c.attempt, rc: c.rc, signal: c.signal, host, farmer: farmerId }
  });
}
function counterEvent(state, farmerIndex) {
  const n = state.count;
  return JSON.stringify({
    name: "tasks",
    ph: "C",
    ts: Date.now() * 1e3,
    pid: process.pid,
    args: {
      running: state.claimsOf(farmerIndex).size,
      "running in workdir": n.claimed,
      remaining: n.pending + n.claimed
    }
  });
}
function trackNames(workers) {
  const out = [
    JSON.stringify({
      name: "process_name",
      ph: "M",
      pid: process.pid,
      args: { name: `farmer ${host}:${process.pid}` }
    })
  ];
  for (let w = 0; w < workers; w++) {
    out.push(JSON.stringify({ name: "thread_name", ph: "M", pid: process.pid, tid: w, args: { name: `worker ${w}` } }));
  }
  return out;
}

// src/workdir/attempts.ts
var Attempts = class {
  /** Attempts handed to the farm and not yet ended: id → attempt. */
  held = /* @__PURE__ */ new Map();
  /** Outcomes whose journal records were written in a section that then lost the lock. */
  recorded = /* @__PURE__ */ new Map();
  /** True while attempt `attempt` of task `id` is handed out and not reported ended. */
  holds(id, attempt) {
    return this.held.get(id) === attempt;
  }
  /**
   * What ended and stopped attempts become, under the lock. An outcome recorded before is
   * reported as it was. An attempt whose claim is no longer ours (taken back while we were
   * presumed dead) is fenced. Otherwise: a `done` or `fail` record (final when no retry is
   * left), its line unless it is there already, and its span. A stopped attempt still ours
   * goes back to the pool (`requeue`: no retry used).
   */
  end(completions, stopped, ctx) {
    const { state, me } = ctx;
    const out = { records: [], outcomes: [], finished: "", failed: "", lineIds: /* @__PURE__ */ new Set(), events: [] };
    for (const c of completions) {
      const key = `${c.id}:${c.attempt}`;
      const already = this.recorded.get(key);
      if (already) {
        this.recorded.delete(key);
        this.held.delete(c.id);
        out.outcomes.push(already);
        continue;
      }
      if (state.ownerOf(c.id) !== me || state.attemptOf(c.id) !== c.attempt) {
        if (this.held.get(c.id) === c.attempt) this.held.delete(c.id);
        out.outcomes.push("fenced");
        continue;
      }
      this.held.delete(c.id);
      const line = ctx.lineWritten(c) ? "" : formatTaskLine(c.id, c.task);
      if (line) out.lineIds.add(c.id);
      if (c.ok) {
        out.records.push({ t: "done", id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot });
        out.finished += line;
        out.outcomes.push("done");
      } else {
        const final = state.failsOf(c.id) + 1 > ctx.retries;
        const how2 = { rc: c.rc, sig: c.signal, to: c.timedOut, final };
        out.records.push({ t: "fail", id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot, ...how2 });
        if (final) out.failed += line;
        out.outcomes.push(final ? "failed" : "retry");
      }
      out.events.push(attemptEvent(c, out.outcomes[out.outcomes.length - 1], ctx.farmerId));
    }
    for (const s of stopped) {
      if (this.held.get(s.id) === s.attempt) this.held.delete(s.id);
      if (state.ownerOf(s.id) === me && state.attemptOf(s.id) === s.attempt)
        out.records.push({ t: "requeue", id: s.id, a: s.attempt, why: "stop" });
    }
    return out;
  }
  /** Outcomes now in our journal: a retried section reports them instead of recording again. */
  remember(completions, outcomes) {
    completions.forEach((c, i) => {
      if (outcomes[i] !== "fenced") this.recorded.set(`${c.id}:${c.attempt}`, outcomes[i]);
    });
  }
  /** Every write of the section made it under our lock: its outcomes are final. */
  settled() {
    this.recorded.clear();
  }
  /** Claims handed to the farm: attempts it now runs. */
  handOut(claims) {
    for (const c of claims) this.held.set(c.id, c.attempt);
  }
};

// src/workdir/tail.ts
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
function sizeOf(path) {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}
function idsInTaskLines(path, from, ids, tailMax) {
  const found = /* @__PURE__ */ new Set();
  if (ids.size === 0) return found;
  let fd2;
  try {
    fd2 = openSync(path, "r");
  } catch {
    return found;
  }
  try {
    const size = fstatSync(fd2).size;
    let pos = Math.min(size, Math.max(from, tailMax === void 0 ? 0 : size - tailMax));
    const buf = Buffer.allocUnsafe(1 << 20);
    let id = 0;
    let digits = 0;
    let inId = pos === 0 || lineStartsAt(fd2, pos);
    while (pos < size) {
      const n = readSync(fd2, buf, 0, Math.min(buf.length, size - pos), pos);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i];
        if (b === 10) {
          if (digits > 0 && ids.has(id)) found.add(id);
          id = 0;
          digits = 0;
          inId = true;
        } else if (inId) {
          if (b >= 48 && b <= 57) {
            id = id * 10 + (b - 48);
            digits++;
          } else {
            inId = false;
            if (b !== 32) digits = 0;
          }
        }
      }
      pos += n;
    }
  } finally {
    closeSync(fd2);
  }
  return found;
}
function lineStartsAt(fd2, pos) {
  const b = Buffer.alloc(1);
  return readSync(fd2, b, 0, 1, pos - 1) === 1 && b[0] === 10;
}

// src/workdir/tasklist-texts.ts
import { closeSync as closeSync2, fstatSync as fstatSync2 } from "node:fs";
var TasklistTexts = class {
  constructor(path, handler) {
    this.path = path;
    this.handler = handler;
  }
  path;
  handler;
  lines = new TaskTexts();
  count = 0;
  /** Bytes of the tasklist parsed so far. */
  bytes = 0;
  /** The tasks of the first `upTo` bytes of the tasklist (as read into `buf`). */
  load(buf, upTo) {
    this.lines.setBase(buf);
    this.count = forEachTaskBytes(
      buf.subarray(0, upTo),
      (id, start, end) => this.lines.setRange(id, start, end),
      (id, line) => this.lines.set(id, line)
    );
    this.bytes = upTo;
  }
  /** How many tasks the tasklist has (as far as read). */
  get size() {
    return this.count;
  }
  /** The command of task `id` as the tasklist (through its handler) gives it; undefined if it has no such task. */
  command(id) {
    if (!Number.isInteger(id) || id < 0) return void 0;
    if (id >= this.count) this.extend();
    const line = this.lines.get(id);
    if (line === void 0 || this.handler === listHandler) return line;
    return this.handler(line, id);
  }
  /**
   * Reads the lines appended since (another farmer may have added them as tasks). Only whole
   * lines; a line that was still unfinished when the tasklist was first read is not one.
   */
  extend() {
    const pos = Math.max(0, this.bytes - 1);
    const fd2 = openTasklist(this.path);
    let chunk;
    try {
      chunk = readRange(fd2, pos, fstatSync2(fd2).size);
    } finally {
      closeSync2(fd2);
    }
    let from = 0;
    if (this.bytes > 0) {
      from = chunk[0] === 10 ? 1 : chunk.indexOf(10, 1) + 1;
      if (from === 0) return;
    }
    const end = chunk.lastIndexOf(10) + 1;
    if (end <= from) return;
    const added = chunk.subarray(from, end);
    if (tasklistBytesProblem(added)) return;
    const first = this.count;
    this.count += forEachTask(added.toString("utf8"), (line, i) => this.lines.set(first + i, line));
    this.bytes = pos + end;
  }
};
function shown(text) {
  return JSON.stringify(text.length > 60 ? text.slice(0, 57) + "..." : text);
}
function commandProblem(texts, id, text) {
  const want = texts.command(id);
  if (want === void 0) return `names task ${id}, which tasklist ${texts.path} does not have (${texts.size} tasks)`;
  if (want !== text)
    return `gives task ${id} the command ${shown(text)}, but tasklist ${texts.path} says ${shown(want)}`;
  return void 0;
}
var ForeignCommands = class {
  constructor(texts, journals) {
    this.texts = texts;
    this.journals = journals;
  }
  texts;
  journals;
  problem;
  /** A record read gave task `id` the command `task`. */
  seen(id, task) {
    this.problem ??= commandProblem(this.texts, id, task);
  }
  /** The refusal of what was seen since the last call, if anything. */
  take() {
    const problem = this.problem;
    this.problem = void 0;
    return problem ? refusal(this.journals, problem) : void 0;
  }
};
function refusal(journals, problem) {
  return new UsageError(`a journal in ${journals} ${problem}; refusing to run it`);
}
var REFUSE = "refusing to run anything (only the tasklist decides what runs: was the workdir changed by hand or by another user?)";
function checkToprocess(buf, file, texts) {
  let line = 0;
  forEachTaskLine(buf, file, (id, task) => {
    line++;
    const problem = commandProblem(texts, id, task);
    if (problem) throw new UsageError(`${file}:${line} ${problem}; ${REFUSE}`);
  });
}
function checkCommands(state, texts, journals) {
  for (let id = 0; id < state.size; id++) {
    if (state.statusOf(id) === 0 /* Absent */) continue;
    const task = state.task(id);
    const problem = task === void 0 ? void 0 : commandProblem(texts, id, task);
    if (problem) throw new UsageError(`a journal in ${journals} ${problem}; ${REFUSE}`);
  }
}

// src/workdir/claims.ts
function pickClaims(want, now, refused, ctx) {
  const { state, trusted } = ctx;
  const claims = [];
  const records = [];
  const fo = sizeOf(ctx.paths.finished);
  const xo = sizeOf(ctx.paths.failed);
  for (let i = 0; !refused && i < want; i++) {
    const id = state.nextPending();
    if (id < 0) break;
    const task = trusted.command(id);
    if (task === void 0 || task !== state.task(id)) {
      refused = refusal(ctx.paths.journals, commandProblem(trusted, id, state.task(id) ?? ""));
      break;
    }
    const a = state.attemptOf(id) + 1;
    const record = { t: "claim", id, a, ts: now, fo, xo };
    ctx.fold(record);
    records.push(record);
    claims.push({ id, attempt: a, task });
  }
  return { claims, records, refused };
}

// src/workdir/clock-skew.ts
import { statSync as statSync2 } from "node:fs";
function measureClock(journal, reader, warn) {
  const stats = statSync2(journal, { throwIfNoEntry: false });
  if (!stats) return void 0;
  const offset = Date.now() - stats.mtimeMs;
  reader.opts.clockOffset = offset;
  if (Math.abs(offset) > 5e3) {
    warn(
      `this host's clock differs from the workdir filesystem's by ${Math.round(offset / 1e3)} s: sync the clocks (NTP); leases are judged by this farmer's own observations meanwhile`
    );
  }
  reportSkew(reader, warn);
  return offset;
}
function reportSkew(reader, warn) {
  for (const [id, skew] of reader.skewed) {
    if (skew === 0) continue;
    warn(
      `farmer ${id}'s clock is ${Math.round(Math.abs(skew) / 1e3)} s ${skew < 0 ? "behind" : "ahead of"} the workdir filesystem's: sync the clocks (NTP); it is judged alive by its journal growing`
    );
    reader.skewed.set(id, 0);
  }
}

// src/workdir/compact.ts
import { readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
function compact(paths, state, trusted, own, fence) {
  writeFileAtomic(
    paths.toprocess,
    taskLines((id) => state.isNotDone(id) ? trusted.command(id) : void 0, state.size),
    fence
  );
  const stamp = (/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-");
  for (const name of readdirSync(paths.journals)) {
    fence.check();
    renameSync(join(paths.journals, name), join(paths.history, `${stamp}-${name}`));
  }
  own.offset = 0;
  const carried = [];
  for (let id = 0; id < state.size; id++) {
    const a = state.attemptOf(id);
    if (a > 0 && state.isNotDone(id)) {
      const lost = state.lostOf(id);
      carried.push({ t: "carry", id, a, fails: state.failsOf(id), ...lost ? { lost } : {} });
    }
  }
  if (carried.length) writeFileAtomic(paths.carry, [encodeRecords(carried)], fence);
  else {
    fence.check();
    rmSync(paths.carry, { force: true });
  }
}
function* taskLines(text, end) {
  for (let id = 0; id < end; id++) {
    const task = text(id);
    if (task !== void 0) yield formatTaskLine(id, task);
  }
}

// src/workdir/create-workdir.ts
function createWorkdirFiles(paths, state, source, buf, fence) {
  let count;
  if (source.handler === listHandler) {
    state.setBaseBuffer(buf);
    count = forEachTaskBytes(
      buf,
      (id, start, end) => state.addBaseRange(id, start, end),
      (id, line) => state.addBase(id, line)
    );
  } else count = forEachTask(buf.toString("utf8"), (line, id) => state.addBase(id, source.handler(line, id)));
  writeFileAtomic(
    paths.toprocess,
    taskLines((id) => state.task(id), count),
    fence
  );
  for (const file of [paths.finished, paths.failed]) createIfAbsent(file, "", FILE_MODE);
  createIfAbsent(paths.timeline, "[\n]\n", FILE_MODE);
  const meta = newMeta(source.tasklist, buf, count);
  writeMeta(paths, meta, fence);
  return meta;
}

// src/workdir/mkdirs.ts
import { mkdirSync, statSync as statSync3 } from "node:fs";
import { dirname as dirname2 } from "node:path";
function makeDirs(dir, mode, what) {
  const missing = [];
  for (let p = dir; !exists(p); p = dirname2(p)) {
    missing.unshift(p);
    if (dirname2(p) === p) break;
  }
  for (const p of missing) {
    try {
      mkdirSync(p, { mode });
    } catch (err) {
      const code2 = err.code;
      if (code2 === "EEXIST") continue;
      throw new UsageError(`${what} ${dir} cannot be created (mkdir ${p}: ${code2 ?? String(err)})`);
    }
  }
}
function exists(p) {
  try {
    statSync3(p);
    return true;
  } catch {
    return false;
  }
}

// src/workdir/open-checks.ts
import { accessSync, constants, existsSync, statSync as statSync5 } from "node:fs";
import { dirname as dirname3 } from "node:path";

// src/workdir/preflight.ts
import { readdirSync as readdirSync2, statSync as statSync4 } from "node:fs";
import { join as join2 } from "node:path";
function checkStateFiles(paths) {
  const kind = (path) => {
    try {
      return statSync4(path);
    } catch (err) {
      const code2 = err.code;
      if (code2 === "ENOENT") return void 0;
      if (isUnreachable(err)) throw err;
      throw new UsageError(`workdir ${paths.dir}: ${path} cannot be read (${code2})`);
    }
  };
  const bad = (path, what) => new UsageError(`workdir ${paths.dir} is damaged: ${path} ${what}`);
  for (const dir of [paths.logs, paths.state, paths.journals, paths.history]) {
    const stats = kind(dir);
    if (stats && !stats.isDirectory()) throw bad(dir, "should be a directory");
  }
  for (const file of [paths.toprocess, paths.finished, paths.failed, paths.timeline, paths.meta, paths.carry]) {
    const stats = kind(file);
    if (stats && !stats.isFile()) throw bad(file, "should be a regular file");
  }
  let names = [];
  try {
    names = readdirSync2(paths.journals);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(".jsonl")) continue;
    const path = join2(paths.journals, name);
    const stats = kind(path);
    if (stats && !stats.isFile()) throw bad(path, "should be a journal file");
  }
}

// src/workdir/trust.ts
import { lstatSync } from "node:fs";
import { basename, relative } from "node:path";
function stateFiles(paths) {
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
    paths.carry
  ];
}
function lstatOrUndefined(path) {
  try {
    return lstatSync(path);
  } catch {
    return void 0;
  }
}
function refuseSymlinks(paths) {
  for (const path of stateFiles(paths)) {
    if (lstatOrUndefined(path)?.isSymbolicLink()) {
      throw new UsageError(
        `workdir ${paths.dir}: ${relative(paths.dir, path)} is a symbolic link; refusing to write through it (remove it, or use a new --workdir)`
      );
    }
  }
}
var warned = /* @__PURE__ */ new Set();
function warnIfShared(paths, tasklist, warn) {
  if (warned.has(paths.dir)) return;
  const uid = process.getuid?.();
  const problems = [];
  for (const path of [tasklist, paths.dir, ...stateFiles(paths).filter((p) => p !== paths.lock)]) {
    const stats = lstatOrUndefined(path);
    if (!stats || stats.isSymbolicLink()) continue;
    const name = path === tasklist ? `tasklist ${basename(path)}` : relative(paths.dir, path) || "the workdir";
    if (uid !== void 0 && stats.uid !== uid) problems.push(`${name} is owned by uid ${stats.uid}`);
    else if (stats.mode & 18) {
      const who = [stats.mode & 16 ? "group" : "", stats.mode & 2 ? "others" : ""].filter(Boolean).join(" and ");
      problems.push(`${name} is writable by ${who}`);
    }
  }
  if (problems.length === 0) return;
  warned.add(paths.dir);
  const shown2 = problems.slice(0, 3).join(", ") + (problems.length > 3 ? `, and ${problems.length - 3} more` : "");
  warn(
    `workdir ${paths.dir} can be changed by other users (${shown2}): they can requeue or hide tasks (only the tasklist's commands run); make it yours alone (chmod -R go-w)`
  );
}

// src/workdir/open-checks.ts
async function checkOpenInputs(options, paths) {
  checkWritableDir(paths.dir, "workdir");
  refuseSymlinks(paths);
  warnIfShared(paths, options.tasklist, options.warn);
  checkStateFiles(paths);
  const meta = existsSync(paths.dir) ? readMeta(paths) : void 0;
  const toprocess = existsSync(paths.toprocess) ? readSnapshot(paths.toprocess) : void 0;
  let buf = readTasklist(options.tasklist, true);
  let upTo = buf.length;
  if (!toprocess) ({ buf, upTo } = await settledTasklist(options.tasklist, buf));
  else if (meta) upTo = Math.max(meta.bytes, buf.lastIndexOf(10) + 1);
  if (meta) appendedSince(meta, options.tasklist, paths.dir);
  checkTasklistBytes(options.tasklist, buf.subarray(0, upTo));
  buf = buf.subarray(0, upTo);
  const trusted = new TasklistTexts(options.tasklist, options.handler);
  trusted.load(buf, upTo);
  const limit = meta ? meta.tasks : trusted.size;
  if (toprocess) {
    forEachTaskLine(toprocess.buf, paths.toprocess, (id) => {
      if (id >= Math.max(limit, NO_META_LIMIT))
        throw new UsageError(`${paths.toprocess}: task id ${id} is not one of the tasklist's ${limit} tasks`);
    });
    checkToprocess(toprocess.buf, paths.toprocess, trusted);
  } else if (options.handler !== listHandler) forEachTask(buf.toString("utf8"), (line, id) => options.handler(line, id));
  return { tasklist: buf, toprocess, trusted, limit };
}
function checkWritableDir(dir, what) {
  let p = dir;
  for (; ; ) {
    let stats;
    try {
      stats = statSync5(p);
    } catch (err) {
      if (isUnreachable(err)) throw err;
      const parent = dirname3(p);
      if (parent === p) throw new UsageError(`${what} ${dir} cannot be created`);
      p = parent;
      continue;
    }
    if (!stats.isDirectory()) {
      throw new UsageError(
        p === dir ? `${what} ${dir} exists and is not a directory` : `${what} ${dir} cannot be created: ${p} is not a directory`
      );
    }
    try {
      accessSync(p, constants.W_OK | constants.X_OK);
    } catch {
      throw new UsageError(
        p === dir ? `${what} ${dir} is not writable` : `${what} ${dir} cannot be created: ${p} is not writable`
      );
    }
    return;
  }
}

// src/workdir/own-journal.ts
import { closeSync as closeSync3, existsSync as existsSync2, fstatSync as fstatSync3, openSync as openSync2, statSync as statSync6, writeSync } from "node:fs";
var StaleWorkdirError = class extends Error {
};
var OwnJournal = class {
  constructor(paths, farmerId) {
    this.paths = paths;
    this.path = journalPath(paths, farmerId);
  }
  paths;
  path;
  /** Bytes we wrote to it (all folded into our state). */
  offset = 0;
  /** An append failed: it may have left part of its bytes (see repair). */
  dirty = false;
  exists() {
    return existsSync2(this.path);
  }
  append(records, fence) {
    if (records.length === 0) return;
    const text = encodeRecords(records);
    try {
      appendOwn(this.path, text, fence);
    } catch (err) {
      if (!(err instanceof LockLostError)) this.dirty = true;
      throw err;
    }
    this.offset += Buffer.byteLength(text);
  }
  /**
   * After a failed append (the filesystem went away mid-write), our journal may hold some of
   * those records, the last one perhaps torn. `fold` gets the complete ones (the state must say
   * what the others will read) and the torn line is ended, so that our next record is not
   * glued to it.
   */
  repair(fold) {
    if (!this.dirty) return;
    const fd2 = openSync2(this.path, READ_APPEND_NO_FOLLOW, FILE_MODE);
    try {
      const size = fstatSync3(fd2).size;
      if (size > this.offset) {
        const { records, consumed } = decodeChunk(readRange(fd2, this.offset, size));
        fold(records);
        if (this.offset + consumed < size) writeSync(fd2, "\n");
        this.offset = fstatSync3(fd2).size;
      }
    } finally {
      closeSync3(fd2);
    }
    this.dirty = false;
  }
  /** Throws StaleWorkdirError when our journal is gone or holds bytes we did not write. */
  check() {
    let size = -1;
    try {
      size = statSync6(this.path).size;
    } catch (err) {
      if (err.code !== "ENOENT") throw err;
    }
    if (size !== this.offset) {
      throw new StaleWorkdirError(
        `workdir ${this.paths.dir} was compacted by another farmer while this one was presumed dead; its tasks were given to others`
      );
    }
  }
};

// src/workdir/recovery.ts
import { existsSync as existsSync3, readFileSync as readFileSync3 } from "node:fs";
function takeBackAll(paths, state, farmers, warn) {
  const all = { records: [], failed: "" };
  for (const farmer of farmers) {
    const back = takeBack(paths, state, farmer, warn);
    all.records.push(...back.records);
    all.failed += back.failed;
  }
  return all;
}
function takeBack(paths, state, farmer, warn) {
  const claims = [...state.claimsOf(farmer.index)];
  if (claims.length === 0) return { records: [], failed: "" };
  const ids = new Set(claims);
  const at = claims.map((id) => farmer.claimedAt.get(id));
  const known = at.every((x) => x !== void 0);
  const tail = 4 << 20;
  let span = tail;
  for (const id of claims) span += formatTaskLine(id, state.task(id) ?? "").length;
  const search = (path, from) => known ? idsInTaskLines(path, from, ids) : idsInTaskLines(path, 0, ids, span);
  const finished = search(paths.finished, Math.min(...at.map((x) => x?.finishedSize ?? 0)));
  const failedIds = search(paths.failed, Math.min(...at.map((x) => x?.failedSize ?? 0)));
  const records = [];
  let failed = "";
  let lost = 0;
  for (const id of claims) {
    const a = state.attemptOf(id);
    if (finished.has(id)) records.push({ t: "done", id, a, s: 0, e: 0, w: -1 });
    else if (failedIds.has(id))
      records.push({ t: "fail", id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true });
    else if (state.lostOf(id) + 1 >= LOST_CAP) {
      records.push({ t: "fail", id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true, lost: true });
      failed += formatTaskLine(id, state.task(id));
      lost++;
    } else records.push({ t: "requeue", id, a, why: "lease" });
  }
  if (records.length) warn(`farmer ${farmer.id} is gone: ${records.length} task(s) it held are back in the pool`);
  if (lost) {
    warn(
      `${lost} task(s) recorded as failed: their farmer was lost while running them ${LOST_CAP} times (a task that kills its farmer?)`
    );
  }
  return { records, failed };
}
function recoverLost(paths, state, tasks, warn) {
  const known = /* @__PURE__ */ new Set();
  for (const file of [paths.finished, paths.failed]) {
    if (existsSync3(file)) for (const id of idsOfTaskLines(readFileSync3(file, "utf8"))) known.add(id);
  }
  const out = [];
  tasks.forEach((task, id) => {
    if (!known.has(id) && state.statusOf(id) === 0 /* Absent */) out.push({ t: "add", id, task });
  });
  if (out.length)
    warn(`recovered ${out.length} task(s) that were in no file of the workdir (lost by a crashed farmer)`);
  return out;
}

// src/workdir/sections.ts
var LockedSections = class {
  constructor(lockPath, options, reread) {
    this.lockPath = lockPath;
    this.options = options;
    this.reread = reread;
  }
  lockPath;
  options;
  reread;
  /** The lock's fence while a section runs, NO_FENCE between sections. */
  fence = NO_FENCE;
  /** The lock was taken from us mid-section: what we read may be stale, read it all again. */
  resync = false;
  /** Runs `fn` once under the lock (LockLostError goes to the caller). */
  once(fn, maxWait) {
    const lockOptions = {
      stale: this.options.lockStale,
      onCompromised: (err) => this.options.warn(`workdir lock: ${err.message}`),
      signal: this.options.signal,
      maxWait
    };
    return withLock(this.lockPath, lockOptions, (fence) => {
      this.fence = fence;
      try {
        return fn();
      } finally {
        this.fence = NO_FENCE;
      }
    });
  }
  /** Runs `fn` under the lock until a run keeps the lock to its end. */
  async run(fn, maxWait) {
    for (; ; ) {
      try {
        return await this.once(() => {
          if (this.resync) {
            this.resync = false;
            this.reread();
          }
          return fn();
        }, maxWait);
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        this.resync = true;
        this.options.warn(`${err.message}; reading the workdir again`);
      }
    }
  }
};

// src/workdir/tasklist-growth.ts
import { statSync as statSync7 } from "node:fs";
function joiningAtStart(paths, state, source, tasklist, meta) {
  if (meta) return appendedTasks(paths, source, meta);
  const all = parseTasklist(tasklist.toString("utf8"));
  const commands = all.map((line, id) => source.handler(line, id));
  return {
    records: recoverLost(paths, state, commands, source.warn),
    meta: newMeta(source.tasklist, tasklist, all.length)
  };
}
function checkTasklistGrowth(paths, source) {
  const meta = readMeta(paths);
  if (!meta) return { records: [] };
  try {
    if (statSync7(source.tasklist).size <= meta.bytes) return { records: [] };
    return appendedTasks(paths, source, meta);
  } catch (err) {
    if (isUsageError(err)) source.warn(`${err.message}; ignoring the change`);
    return { records: [] };
  }
}
function appendedTasks(paths, source, meta) {
  const added = appendedSince(meta, source.tasklist, paths.dir);
  if (added.bytes.length === 0) return { records: [] };
  if (tasklistBytesProblem(added.bytes)) {
    const before = readTasklist(source.tasklist, true).subarray(0, meta.bytes);
    checkTasklistBytes(source.tasklist, added.bytes, countNewlines(before) + 1);
  }
  const lines = parseTasklist(added.bytes.toString("utf8"));
  const records = lines.map((line, i) => ({
    t: "add",
    id: meta.tasks + i,
    task: source.handler(line, meta.tasks + i)
  }));
  return {
    records,
    meta: { ...meta, bytes: meta.bytes + added.bytes.length, sha256: added.sha256, tasks: meta.tasks + lines.length }
  };
}
function countNewlines(buf) {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

// src/workdir/tasklog.ts
import { join as join3 } from "node:path";
var LOG_MODES = ["per-task", "per-worker", "none"];
var SLOT_WIDTH = 12;
var PENDING = "?".repeat(SLOT_WIDTH);
var HEADER_PREFIX = "### taskfarmer task=";
var HEADER_MAX = 128;
var HEADER_RE = /^### taskfarmer task=(\d+) attempt=(\d+) start=(\d+) bytes=([ 0-9?]{12}) ###\n/;
function perTaskLogPath(paths, id) {
  return join3(paths.logs, `log_${id}`);
}
function workerLogPath(paths, farmer, slot) {
  return join3(paths.logs, `worker_${farmer}_${slot}`);
}
function isWorkerLogName(name) {
  return /^worker_.+_\d+$/.test(name);
}
function logFileOf(paths, mode, id, farmer, slot) {
  if (mode === "none") return void 0;
  return mode === "per-task" ? perTaskLogPath(paths, id) : workerLogPath(paths, farmer, slot);
}
function logTarget(paths, mode, id, attempt, farmer, slot) {
  if (mode === "none") return { path: "/dev/null", append: true, header: "" };
  if (mode === "per-task") return { path: perTaskLogPath(paths, id), append: false, header: "" };
  return { path: workerLogPath(paths, farmer, slot), append: true, header: frameHeader(id, attempt, Date.now()) };
}
function frameHeader(id, attempt, start, bytes2) {
  const slot = bytes2 === void 0 ? PENDING : String(bytes2).padStart(SLOT_WIDTH);
  return `${HEADER_PREFIX}${id} attempt=${attempt} start=${start} bytes=${slot} ###
`;
}
function completeFrame(id, attempt, start, text) {
  const n = Buffer.byteLength(text);
  return frameHeader(id, attempt, start, n) + text + (text.endsWith("\n") || n === 0 ? "" : "\n");
}
function parseFrameHeader(buf) {
  const m = HEADER_RE.exec(buf.toString("latin1", 0, Math.min(buf.length, HEADER_MAX)));
  if (!m) return void 0;
  const slot = m[4].trim();
  return {
    id: Number(m[1]),
    attempt: Number(m[2]),
    start: Number(m[3]),
    bytes: /^\d+$/.test(slot) ? Number(slot) : void 0,
    length: m[0].length
  };
}
function appendNote(paths, mode, at, text) {
  if (mode === "none") return;
  if (mode === "per-task") appendNoFollow(perTaskLogPath(paths, at.id), text, FILE_MODE);
  else
    appendNoFollow(
      workerLogPath(paths, at.farmer, at.slot),
      completeFrame(at.id, at.attempt, at.start, text),
      FILE_MODE
    );
}

// src/workdir/written-lines.ts
var WrittenLines = class {
  constructor(paths) {
    this.paths = paths;
  }
  paths;
  /** Lines written by a section that then failed (lost the lock): the ids, and where the files ended before. */
  inDoubt;
  /** Before the lines of `ids` are appended: remember where the files end. */
  writing(ids) {
    this.inDoubt = { ids, finishedSize: sizeOf(this.paths.finished), failedSize: sizeOf(this.paths.failed) };
  }
  /** The journal records of those lines are written: nothing is in doubt any more. */
  settled() {
    this.inDoubt = void 0;
  }
  /**
   * Whether a completion's line is there already: a section that lost the lock may have
   * written it (writing()); so may a sync that failed when the workdir stopped answering
   * (`recheck`: the tails of both files are searched); and a task taken back from a farmer
   * presumed dead (only stalled) may have that farmer's line, which is then its record.
   */
  check(state, recheck) {
    const resent = recheck ? this.idsInTails() : void 0;
    const doubt = this.inDoubt;
    const written = doubt ? /* @__PURE__ */ new Set([
      ...idsInTaskLines(this.paths.finished, doubt.finishedSize, doubt.ids),
      ...idsInTaskLines(this.paths.failed, doubt.failedSize, doubt.ids)
    ]) : /* @__PURE__ */ new Set();
    const lateLine = (id) => state.lostOf(id) > 0 && idsInTaskLines(this.paths.finished, 0, /* @__PURE__ */ new Set([id]), 4 << 20).size > 0;
    return (c) => written.has(c.id) || resent?.has(c.id) === true || c.ok && lateLine(c.id);
  }
  /** Ids in the tails of `finished` and `failed`: lines a failed sync may have written. */
  idsInTails() {
    const ids = idsOfTaskLines(readTail(this.paths.finished, 1 << 20));
    return /* @__PURE__ */ new Set([...ids, ...idsOfTaskLines(readTail(this.paths.failed, 1 << 20))]);
  }
};

// src/workdir/workdir.ts
var Workdir = class _Workdir {
  constructor(options, trusted, limit) {
    this.options = options;
    this.trusted = trusted;
    this.limit = limit;
    this.paths = layout(options.dir);
    this.journal = new OwnJournal(this.paths, this.farmerId);
    this.sections = new LockedSections(this.paths.lock, options, () => this.rebuild());
    this.lines = new WrittenLines(this.paths);
    this.foreign = new ForeignCommands(trusted, this.paths.journals);
    this.reader = this.newReader();
    this.self = this.reader.farmer(this.farmerId);
  }
  options;
  trusted;
  limit;
  paths;
  farmerId = newFarmerId();
  reader;
  self;
  journal;
  sections;
  /** Where a finished/failed line may be already (never written twice). */
  lines;
  /** Attempts handed to the farm, and outcomes recorded by a section that lost the lock. */
  attempts = new Attempts();
  /** Our clock minus the filesystem's, from our own journal's mtime. */
  clockOffset = 0;
  /** Records read that gave a task a command the tasklist does not have: refused at the next check. */
  foreign;
  /** Tasks finished/failed before this farmer started (from the files). */
  previous = { finished: 0, failed: 0 };
  get logs() {
    return this.options.logs ?? "per-task";
  }
  newReader() {
    return new Reader(this.paths, {
      warn: this.options.warn,
      limit: this.limit,
      clockOffset: this.clockOffset,
      foreign: (id, task) => this.foreign.seen(id, task)
    });
  }
  get state() {
    return this.reader.state;
  }
  get farmers() {
    return this.reader.farmers;
  }
  /** How the launcher writes an attempt's output. */
  logTarget(id, attempt, slot) {
    return logTarget(this.paths, this.logs, id, attempt, this.farmerId, slot);
  }
  /** The file that holds an attempt's output ('' when output is discarded). */
  logFile(id, slot) {
    return logFileOf(this.paths, this.logs, id, this.farmerId, slot) ?? "";
  }
  /** Text added to an attempt's output once it ended (a runner's note). */
  note(at, text) {
    appendNote(this.paths, this.logs, { ...at, farmer: this.farmerId }, text);
  }
  /**
   * Validates everything first (nothing is written when a UsageError is thrown), then, under
   * the lock: creates or adopts the workdir, recovers what crashed farmers left, and registers.
   */
  static async open(options) {
    const paths = layout(options.dir);
    const inputs = await checkOpenInputs(options, paths);
    for (const d of [paths.dir, paths.logs, paths.state, paths.journals, paths.history]) {
      makeDirs(d, DIR_MODE, "workdir");
    }
    for (; ; ) {
      const wd = new _Workdir(options, inputs.trusted, inputs.limit);
      try {
        await wd.sections.once(() => wd.start(inputs));
        return wd;
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        options.warn(`${err.message}; starting again`);
      }
    }
  }
  /** The lock's fence while a locked section runs (see LockedSections): every write checks it. */
  get fence() {
    return this.sections.fence;
  }
  /**
   * Forgets what we read and folds the workdir again from the files, our own journal
   * included. Claims our journal holds that the farm does not run (made in a section that
   * then lost the lock) are put back.
   */
  rebuild() {
    const reader = this.newReader();
    const self = reader.farmer(this.farmerId);
    reader.loadBase();
    reader.poll();
    this.reader = reader;
    this.self = self;
    this.journal.offset = reader.offsetOf(this.farmerId);
    this.checkOwnJournal();
    const back = [];
    for (const id of reader.state.claimsOf(self.index)) {
      const a = reader.state.attemptOf(id);
      if (!this.attempts.holds(id, a)) back.push({ t: "requeue", id, a, why: "stop" });
    }
    this.write(back);
  }
  /** Runs under the lock at start-up, with the inputs checked and read by open(). */
  start({ tasklist, toprocess }) {
    const paths = this.paths;
    let meta = readMeta(paths);
    const fresh = !existsSync4(paths.toprocess);
    if (fresh) meta = createWorkdirFiles(paths, this.state, this.options, tasklist, this.fence);
    else this.reader.loadBase(toprocess);
    this.reader.poll(this.farmerId);
    if (!fresh) checkCommands(this.state, this.trusted, paths.journals);
    const refused = this.foreign.take();
    if (refused) throw refused;
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    const live = others.filter((f) => !this.isGone(f, now));
    const joining = fresh ? { records: [] } : joiningAtStart(paths, this.state, this.options, tasklist, meta);
    const gone = others.filter((f) => this.isGone(f, now));
    const back = takeBackAll(paths, this.state, gone, this.options.warn);
    appendLines(paths.failed, back.failed, this.fence);
    this.write([...joining.records, ...back.records]);
    if (joining.meta) writeMeta(paths, joining.meta, this.fence);
    if (live.length === 0 && readdirSync3(paths.journals).length > 0) this.compact();
    this.previous.finished = countLines(paths.finished);
    this.previous.failed = countLines(paths.failed);
    this.write([helloRecord(this.options.workers, this.options.lease, this.logs)]);
    appendJsonArray(paths.timeline, trackNames(this.options.workers), this.fence);
    this.clockOffset = measureClock(this.journal.path, this.reader, this.options.warn) ?? this.clockOffset;
  }
  /** Claims, completions and requeues in one short locked section. */
  async sync(req) {
    return this.sections.run(() => {
      const t0 = performance.now();
      const res = this.syncLocked(req);
      recordLockHold(performance.now() - t0, res.claims.length);
      return res;
    });
  }
  syncLocked(req) {
    this.checkOwnJournal();
    this.reader.poll(this.farmerId);
    reportSkew(this.reader, this.options.warn);
    const state = this.state;
    const me = this.self.index;
    const completions = req.completions ?? [];
    const ended = this.attempts.end(completions, req.stopped ?? [], {
      state,
      me,
      farmerId: this.farmerId,
      retries: this.options.retries,
      lineWritten: this.lines.check(state, req.recheck)
    });
    const { records, outcomes, finished, events } = ended;
    let failed = ended.failed;
    const now = Date.now();
    const gone = [...this.reader.farmers.values()].filter(
      (f) => f !== this.self && state.claimsOf(f.index).size > 0 && this.isGone(f, now)
    );
    const back = takeBackAll(this.paths, state, gone, this.options.warn);
    const reclaimed = back.records.filter((r) => r.t === "requeue").length;
    records.push(...back.records);
    failed += back.failed;
    const added = req.checkTasklist ? checkTasklistGrowth(this.paths, this.options) : { records: [] };
    records.push(...added.records);
    if (finished || failed) this.lines.writing(ended.lineIds);
    appendLines(this.paths.finished, finished, this.fence);
    appendLines(this.paths.failed, failed, this.fence);
    try {
      this.write(records);
    } catch (err) {
      if (err instanceof LockLostError && err.afterWrite) this.attempts.remember(completions, outcomes);
      throw err;
    }
    this.lines.settled();
    this.attempts.remember(completions, outcomes);
    if (added.meta) writeMeta(this.paths, added.meta, this.fence);
    const ctx = {
      state,
      trusted: this.trusted,
      paths: this.paths,
      fold: (r) => this.reader.apply(this.self, [r])
    };
    const { claims, records: claimRecords, refused } = pickClaims(req.want ?? 0, now, this.foreign.take(), ctx);
    this.journal.append(claimRecords, this.fence);
    if (events.length || claims.length || reclaimed) events.push(counterEvent(state, me));
    appendJsonArray(this.paths.timeline, events, this.fence);
    this.attempts.settled();
    if (refused) throw refused;
    this.attempts.handOut(claims);
    return { claims, outcomes, reclaimed };
  }
  /** A heartbeat: an append to our own journal, no lock needed (nobody else writes it). */
  heartbeat() {
    this.repairOwnJournal();
    this.write([{ t: "hb", ts: Date.now() }]);
  }
  /**
   * True while another farmer holds claims. Alive, it may still finish them or hand them back;
   * gone, our next sync takes them back into the pool. Either way the work is not over. (Asking
   * only about live farmers let a farmer that died just after our sync look like "nothing
   * left": we ended with exit 0 and its tasks back in toprocess, unrun.)
   */
  othersHoldClaims() {
    for (const f of this.reader.farmers.values()) {
      if (f !== this.self && this.state.claimsOf(f.index).size > 0) return true;
    }
    return false;
  }
  /**
   * Leaves the workdir: records what ended and what was stopped, says bye, and when no other
   * farmer is alive, compacts it so that `toprocess` holds exactly the tasks not done, as
   * PyTaskFarmer expects at rest. With `maxWait` (a stop), a lock that stays held longer (its
   * holder stalled) is not waited for: see leaveWithoutLock().
   */
  async close(what, maxWait) {
    const req = Array.isArray(what) ? { stopped: what } : what;
    try {
      return await this.sections.run(() => this.closeLocked(req), maxWait);
    } catch (err) {
      if (!(err instanceof LockWaitAborted)) throw err;
      this.leaveWithoutLock(req);
      return (req.completions ?? []).map(() => "retry");
    }
  }
  closeLocked(req) {
    try {
      this.checkOwnJournal();
    } catch (err) {
      if (!(err instanceof StaleWorkdirError)) throw err;
      return (req.completions ?? []).map(() => "fenced");
    }
    const { outcomes } = this.syncLocked({ completions: req.completions, stopped: req.stopped, recheck: req.recheck });
    this.write([{ t: "bye", ts: Date.now() }]);
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    if (others.every((f) => this.isGone(f, now))) {
      const back = takeBackAll(this.paths, this.state, others, this.options.warn);
      appendLines(this.paths.failed, back.failed, this.fence);
      this.write(back.records);
      this.compact();
    }
    return outcomes;
  }
  /**
   * A stop while another farmer holds the lock and does not let go: we write, to our own
   * journal only (no lock needed: nobody else writes it, as with heartbeats), that our
   * attempts go back to the pool, and bye. These records are valid whatever others did
   * meanwhile (a requeue only releases the attempt it names). Results not yet recorded are
   * among them: those tasks run again. The next farmer, or compaction, does the rest.
   */
  leaveWithoutLock(req) {
    if (!this.journal.exists()) return;
    const records = [];
    for (const s of [...req.stopped ?? [], ...req.completions ?? []]) {
      if (this.attempts.holds(s.id, s.attempt)) records.push({ t: "requeue", id: s.id, a: s.attempt, why: "stop" });
    }
    records.push({ t: "bye", ts: Date.now() });
    this.options.warn(
      `the workdir lock stayed held by another farmer; recorded only this farmer's stop in its journal`
    );
    this.journal.append(records, this.fence);
  }
  isGone(f, now) {
    return farmerGone(f, now, this.options.lease);
  }
  compact() {
    compact(this.paths, this.state, this.trusted, this.journal, this.fence);
  }
  /** Appends our records to our journal and folds them into our state. */
  write(records) {
    this.journal.append(records, this.fence);
    this.reader.apply(this.self, records);
  }
  /** See OwnJournal.repair: what a failed append left is folded into our state. */
  repairOwnJournal() {
    this.journal.repair((records) => this.reader.apply(this.self, records));
  }
  /** Repairs our journal, then checks that it is still ours (StaleWorkdirError: rejoin). */
  checkOwnJournal() {
    this.repairOwnJournal();
    this.journal.check();
  }
  /** The attempts this farmer holds according to the journals (what it should be running). */
  ownClaims() {
    return [...this.state.claimsOf(this.self.index)].map((id) => ({ id, attempt: this.state.attemptOf(id) }));
  }
};

// src/farm/claim-policy.ts
var FLUSH_MS = 50;
var ClaimPolicy = class {
  constructor(slots) {
    this.slots = slots;
  }
  slots;
  /** Recent mean task duration (ms). */
  meanMs = 1e3;
  /** Recent mean duration (ms) of a sync that recorded or claimed something. */
  syncMs = 0;
  /** A finished attempt's duration (stopped ones say nothing of the tasks). */
  observe(durationMs) {
    this.meanMs = 0.9 * this.meanMs + 0.1 * durationMs;
  }
  /** How long a sync with the workdir took (lock wait included). */
  observeSync(durationMs) {
    this.syncMs = 0.8 * this.syncMs + 0.2 * durationMs;
  }
  /** How many tasks to hold beyond the free slots. */
  ahead() {
    return this.meanMs < Math.max(100, 10 * this.syncMs) ? Math.max(this.slots, 16) : 0;
  }
  /**
   * How long completions may wait to be recorded together: FLUSH_MS, or longer where a sync is
   * slow (five syncs' time, at most 1 s), so that a slow lock is taken per batch of completions.
   * A completion's delay costs nothing but its line showing up later; the lease covers a crash.
   */
  flushMs() {
    return Math.min(1e3, Math.max(FLUSH_MS, 5 * this.syncMs));
  }
  /** How many to claim now: every free slot, and the claim-ahead, less what is already queued. */
  want(idle, queued) {
    return Math.max(0, idle + this.ahead() - queued);
  }
  /** The queue runs low: claim (and record completions) now rather than batched. */
  low(queued) {
    return queued <= this.ahead() / 2;
  }
};

// src/farm/fs-outage.ts
var WorkdirGoneError = class extends Error {
};
var FsOutage = class {
  constructor(dir, limitMs, warn) {
    this.dir = dir;
    this.limitMs = limitMs;
    this.warn = warn;
  }
  dir;
  limitMs;
  warn;
  since;
  code = "";
  /** True while the workdir is known not to answer. */
  get waiting() {
    return this.since !== void 0;
  }
  /**
   * An error from the workdir. Returns undefined when the farmer should wait and retry, or the
   * error to stop on: the original one if it is no outage (a full disk), or a WorkdirGoneError
   * once the outage lasted longer than the limit.
   */
  failed(err, now = Date.now()) {
    if (!isUnreachable(err)) return err;
    if (this.since === void 0) {
      this.since = now;
      this.code = errorCode(err);
      this.warn(
        `workdir ${this.dir} is not answering (${this.code}); no new tasks, running ones go on; waiting up to ${formatDuration(this.limitMs)} (--fs-wait) for it to come back`
      );
    }
    if (now - this.since < this.limitMs) return void 0;
    return new WorkdirGoneError(
      `workdir ${this.dir} unreachable for ${formatDuration(now - this.since)} (${this.code}), more than --fs-wait ${formatDuration(this.limitMs)}: giving up; its running tasks were stopped and go back to the pool when its lease expires`
    );
  }
  /** The workdir answered: end of the outage, if there was one. */
  ok(now = Date.now()) {
    if (this.since === void 0) return;
    this.warn(`workdir ${this.dir} answers again after ${formatDuration(now - this.since)}; going on`);
    this.since = void 0;
  }
};

// src/farm/failure-budget.ts
function budgetSpent(budget, failed) {
  return budget !== void 0 && failed >= budget.max;
}
function budgetMessage(budget, failed, left) {
  const running = budget.kill ? "running tasks were stopped" : "running tasks were let finish";
  return `stopped after ${failed} failed task${failed === 1 ? "" : "s"} (--max-failures ${budget.max}); ${running}; ${left} left in toprocess`;
}
function failureBudget(max, kill) {
  if (max === void 0) {
    if (kill) throw new UsageError("--max-failures-kill needs --max-failures N");
    return void 0;
  }
  if (!Number.isInteger(max) || max < 1)
    throw new UsageError(`--max-failures must be a positive integer (got "${max}")`);
  return { max, kill: Boolean(kill) };
}

// src/farm/limits.ts
var Limits = class {
  constructor(budget) {
    this.budget = budget;
  }
  budget;
  walltime;
  /** Why the walltime guard drained the farm, once it did. */
  walltimeNote = "";
  /** The farmer's deadline is known once it started (--timeout, or its Slurm job's end). */
  guard(walltime) {
    this.walltime = walltime;
  }
  /** A task of this farmer ended after `ms` (stopped ones say nothing of the tasks). */
  observe(ms2) {
    this.walltime?.observe(ms2);
  }
  /** --max-failures: once the workdir's final failures reach it, no more claims (and with kill, no more running). */
  failures(failed) {
    if (!budgetSpent(this.budget, failed)) return void 0;
    return { type: this.budget.kill ? "stop" : "drain", reason: "max-failures" };
  }
  /** A drain once a task started `now` is expected to outlive the deadline. */
  deadline(now) {
    if (!this.walltime || this.walltime.fits(now)) return void 0;
    const s = (ms2) => formatDuration(Math.max(0, ms2));
    this.walltimeNote = `stopped claiming ${s(this.walltime.deadline - now)} before the time limit: tasks take up to ${s(this.walltime.p90())} (p90)`;
    return { type: "drain", reason: "walltime" };
  }
  /** The result's one-line note when a limit ended the farm. */
  note(reason, failed, left) {
    if (reason === "max-failures") return budgetMessage(this.budget, failed, left);
    if (reason === "walltime") return `${this.walltimeNote}; ${left} left in toprocess`;
    return void 0;
  }
};

// src/farm/machine.ts
import { execFileSync } from "node:child_process";
import { readFileSync as readFileSync4 } from "node:fs";

// src/farm/resources.ts
var GPU_VARIABLES = ["CUDA_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "SLURM_STEP_GPUS", "SLURM_JOB_GPUS"];
function planResources(req, probes) {
  checkCount("--gpus-per-worker", req.gpusPerWorker);
  checkCount("--cpus-per-worker", req.cpusPerWorker);
  checkCount("--proc", req.workers);
  if (req.gpus !== void 0 && req.gpusPerWorker === void 0) {
    throw new UsageError("--gpus needs --gpus-per-worker (how many GPUs each worker gets)");
  }
  let gpus;
  let cpus;
  if (req.gpusPerWorker !== void 0) gpus = findGpus(req.gpus, probes);
  if (req.cpusPerWorker !== void 0) cpus = findCpus(probes);
  if (!gpus && !cpus) return { workers: req.workers, slots: [] };
  const fits = [
    gpus && Math.floor(gpus.ids.length / req.gpusPerWorker),
    cpus && Math.floor(cpus.ids.length / req.cpusPerWorker)
  ];
  const workers = req.workers ?? Math.min(...fits.filter((n) => n !== void 0));
  if (gpus) need(workers, req.gpusPerWorker, "GPU", "--gpus-per-worker", gpus);
  if (cpus) need(workers, req.cpusPerWorker, "core", "--cpus-per-worker", cpus);
  const amd = Boolean(probes.env.ROCR_VISIBLE_DEVICES?.trim());
  const slots = [];
  for (let slot = 0; slot < workers; slot++) {
    const env = {};
    const s = { env };
    if (gpus)
      Object.assign(env, gpuEnv(gpus.ids.slice(slot * req.gpusPerWorker, (slot + 1) * req.gpusPerWorker), amd));
    if (cpus) {
      s.cpus = cpus.ids.slice(slot * req.cpusPerWorker, (slot + 1) * req.cpusPerWorker).join(",");
      env.TASKFARMER_CPUS = s.cpus;
      env.OMP_NUM_THREADS = String(req.cpusPerWorker);
    }
    slots.push(s);
  }
  return { workers, slots };
}
function gpuEnv(ids, amd) {
  const list = ids.join(",");
  const inner = amd ? ids.map((_, i) => i).join(",") : list;
  return { CUDA_VISIBLE_DEVICES: inner, ROCR_VISIBLE_DEVICES: list, HIP_VISIBLE_DEVICES: inner, TASKFARMER_GPUS: list };
}
function checkCount(flag, n) {
  if (n !== void 0 && !(Number.isInteger(n) && n >= 1)) {
    throw new UsageError(`${flag} must be a positive integer (got "${n}")`);
  }
}
function need(workers, per, what, flag, found) {
  if (workers * per <= found.ids.length && workers >= 1) return;
  if (workers < 1) {
    throw new UsageError(
      `${flag} ${per}: only ${found.ids.length} ${what}${found.ids.length === 1 ? " is" : "s are"} available (${found.source}: ${found.ids.join(",")})`
    );
  }
  const have = `${found.ids.length} ${what}${found.ids.length === 1 ? " is" : "s are"} available (${found.source}: ${found.ids.join(",")})`;
  throw new UsageError(
    `${flag} ${per} with ${workers} worker${workers === 1 ? "" : "s"} needs ${Math.max(workers, 1) * per} ${what}s, but ${have}`
  );
}
function findGpus(given, probes) {
  if (given !== void 0) return { ids: parseGpuList(given, "--gpus"), source: "--gpus" };
  for (const name of GPU_VARIABLES) {
    const value = probes.env[name]?.trim();
    if (!value || value === "NoDevFiles") continue;
    return { ids: parseGpuList(value, name), source: name };
  }
  const smi = probes.nvidiaSmi();
  const ids = smi === void 0 ? [] : parseNvidiaSmi(smi);
  if (ids.length === 0) {
    throw new UsageError(
      `--gpus-per-worker: no GPUs found (give --gpus LIST, or set ${GPU_VARIABLES.join(", ")}; nvidia-smi -L ${smi === void 0 ? "is not available" : "lists none"})`
    );
  }
  return { ids, source: "nvidia-smi -L" };
}
function parseGpuList(text, source) {
  const ids = text.split(",").map((s) => s.trim());
  if (ids.some((s) => s === "" || /\s/.test(s)))
    throw new UsageError(`${source}: not a comma-separated GPU list (got "${text}")`);
  const seen = /* @__PURE__ */ new Set();
  for (const id of ids) {
    if (seen.has(id)) throw new UsageError(`${source}: GPU ${id} is listed twice (got "${text}")`);
    seen.add(id);
  }
  return ids;
}
function parseNvidiaSmi(out) {
  const ids = [];
  for (const line of out.split("\n")) {
    const m = /^GPU (\d+):/.exec(line);
    if (m) ids.push(m[1]);
  }
  return ids;
}
function findCpus(probes) {
  const mask = probes.cpuMask();
  if (mask === void 0) {
    throw new UsageError(
      "--cpus-per-worker: cannot read this process's CPU affinity (Cpus_allowed_list in /proc/self/status)"
    );
  }
  return { ids: parseCpuList(mask).map(String), source: "the farmer's CPU affinity" };
}
function parseCpuList(text) {
  const out = /* @__PURE__ */ new Set();
  for (const part of text.trim().split(",")) {
    if (part === "") continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new UsageError(`not a CPU list: "${text}"`);
    const lo = Number(m[1]);
    const hi = m[2] === void 0 ? lo : Number(m[2]);
    for (let c = lo; c <= hi; c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}
function cpusAllowed(status) {
  const m = /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status);
  return m ? m[1] : void 0;
}

// src/farm/machine.ts
function machineProbes(env = process.env) {
  return {
    env,
    cpuMask: () => {
      try {
        return cpusAllowed(readFileSync4("/proc/self/status", "utf8"));
      } catch {
        return void 0;
      }
    },
    nvidiaSmi: () => run("nvidia-smi", ["-L"])
  };
}
function requireTaskset() {
  const found = findExecutable("taskset");
  if (!found) throw new UsageError("--cpus-per-worker needs taskset (util-linux) on PATH");
  return found;
}
function slurmTimeLeft(job) {
  return run("squeue", ["-h", "-j", job, "-o", "%L"])?.trim();
}
function run(name, args) {
  const file = findExecutable(name);
  if (!file) return void 0;
  try {
    return execFileSync(file, args, { encoding: "utf8", timeout: 1e4, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return void 0;
  }
}

// src/farm/phase.ts
var FOLLOWS = {
  running: ["draining", "stopping", "failed", "done"],
  draining: ["stopping", "failed", "done"],
  stopping: ["failed", "done"],
  failed: ["done"],
  done: []
};
var IllegalTransition = class extends Error {
};
function next(phase, event) {
  if (phase.name === "done") {
    if (event.type === "close") throw new IllegalTransition("the farmer is already done: it closes once");
    const inner = next(phase.last, event);
    return { phase: { name: "done", last: inner.phase }, effect: inner.effect };
  }
  const to = decide(phase, event);
  if (to.phase.name !== phase.name && !FOLLOWS[phase.name].includes(to.phase.name)) {
    throw new IllegalTransition(`${phase.name} cannot become ${to.phase.name}`);
  }
  return to;
}
function decide(p, e) {
  const same = { phase: p, effect: "none" };
  switch (e.type) {
    case "close":
      return { phase: { name: "done", last: p }, effect: "close" };
    case "drain":
      return p.name === "running" ? { phase: { name: "draining", reason: e.reason }, effect: "drain" } : same;
    case "stop":
      if (p.name === "stopping" || p.name === "failed" && p.stopped) return { phase: p, effect: "kill" };
      if (p.name === "failed") return { phase: { ...p, reason: e.reason, stopped: true }, effect: "stop" };
      return { phase: { name: "stopping", reason: e.reason }, effect: "stop" };
    case "fail":
      if (p.name === "failed") return same;
      return {
        phase: {
          name: "failed",
          error: e.error,
          reason: p.name === "running" ? void 0 : p.reason,
          stopped: p.name === "stopping"
        },
        effect: "fail"
      };
  }
}
function accepting(p) {
  return p.name === "running";
}
function stopAsked(p) {
  if (p.name === "done") return stopAsked(p.last);
  return p.name === "stopping" || p.name === "failed" && p.stopped;
}
function endReason(p) {
  if (p.name === "done") return endReason(p.last);
  return p.name === "running" ? void 0 : p.reason;
}
function failure(p) {
  if (p.name === "done") return failure(p.last);
  return p.name === "failed" ? p.error : void 0;
}

// src/farm/result.ts
function farmResult(e) {
  const { wd } = e;
  const st = wd.state;
  const finished = countLines(wd.paths.finished);
  const failed = countLines(wd.paths.failed);
  const remaining = st.count.pending + st.count.claimed;
  const fatal = failure(e.phase);
  const stopReason = endReason(e.phase);
  let exitCode = failed > 0 ? 1 : 0;
  if (remaining > 0) exitCode = 75;
  if (stopReason === "max-failures") exitCode = 1;
  if (fatal) exitCode = isUsageError(fatal) ? 2 : 74;
  return {
    exitCode,
    status: remaining > 0 || fatal ? "incomplete" : failed > 0 ? "failed" : "complete",
    stopReason,
    note: e.limits.note(stopReason, st.count.failed, remaining),
    workdir: wd.paths.dir,
    farmer: wd.farmerId,
    total: finished + failed + remaining,
    finished,
    failed,
    remaining,
    ran: { ...e.ran },
    durationMs: Date.now() - e.started,
    error: fatal ? workdirError(wd.paths.dir, fatal) : void 0
  };
}
function workdirError(dir, err) {
  return err.code ? `cannot record state in workdir ${dir}: ${oneLine(err)}` : oneLine(err);
}
function stoppedBeforeStart(dir, reason, durationMs) {
  return { ...unwritable(dir, new Error(""), durationMs), exitCode: 75, stopReason: reason, error: void 0 };
}
function unwritable(dir, err, durationMs) {
  return {
    exitCode: 74,
    status: "incomplete",
    workdir: dir,
    farmer: "",
    total: 0,
    finished: 0,
    failed: 0,
    remaining: 0,
    ran: { done: 0, failed: 0, retried: 0, stopped: 0 },
    durationMs,
    error: workdirError(dir, err)
  };
}

// src/farm/settings.ts
import { availableParallelism } from "node:os";
function setUp(options) {
  const plan = planResources(options, machineProbes());
  const budget = failureBudget(options.maxFailures, options.maxFailuresKill);
  const settings = {
    ...options,
    workers: plan.workers ?? options.workers ?? availableParallelism(),
    retries: options.retries ?? 0,
    lease: options.lease ?? 6e4,
    lockStale: options.lockStale ?? 3e4,
    killGrace: options.killGrace ?? 1e3,
    fsWait: options.fsWait ?? 3e5
  };
  const runner = typeof options.runner === "object" ? options.runner : resolveRunner(options.runner ?? "default", options.runners);
  const slots = Array.from({ length: settings.workers }, (_, i) => plan.slots[i]);
  const taskset = slots.some((s) => s?.cpus) ? requireTaskset() : void 0;
  return {
    options: settings,
    runner,
    budget,
    baseEnv: { ...options.taskEnv ?? process.env },
    slotEnv: slots.map((s) => s?.env ?? {}),
    bindings: slots.map((s) => s?.cpus && taskset ? { cpus: s.cpus, taskset } : void 0)
  };
}

// src/farm/signals.ts
function listenForStops(options, to) {
  const onAbort = () => to.stop("abort");
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  const handlers = /* @__PURE__ */ new Map();
  if (options.handleSignals === true) {
    for (const sig of STOP_SIGNALS) handlers.set(sig, () => to.stop(`signal:${sig}`));
    handlers.set(DRAIN_SIGNAL, () => to.drain());
    for (const [sig, h] of handlers) process.on(sig, h);
  }
  return () => {
    options.signal?.removeEventListener("abort", onAbort);
    for (const [sig, h] of handlers) process.off(sig, h);
    handlers.clear();
  };
}

// src/workdir/pylock.ts
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { join as join4 } from "node:path";
function pyTaskFarmerLocks(dir, env = process.env) {
  const paths = [join4(dir, "lock")];
  const area = env.SCRATCH ?? env.TMP ?? env.TMPDIR;
  if (area !== void 0) paths.push(`${area}/${createHash("md5").update(dir).digest("hex")}_lock`);
  return paths;
}
var HOLDER = `
use Fcntl qw(:DEFAULT :flock);
my @held;
for my $p (@ARGV) {
  sysopen(my $f, $p, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0644) or next;
  flock($f, LOCK_SH) and push @held, $f;
}
$| = 1;
print scalar(@held), "\\n";
1 while <STDIN>;
`;
function holdPyTaskFarmerLocks(paths) {
  let child;
  try {
    child = spawn("perl", ["-e", HOLDER, ...paths], { stdio: ["pipe", "pipe", "ignore"] });
  } catch {
    return { ready: Promise.resolve(0), release: () => {
    } };
  }
  const ready = new Promise((res) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) res(Number(out.trim()) || 0);
    });
    child.on("error", () => res(0));
    child.on("exit", () => res(0));
  });
  child.unref();
  child.stdin.unref?.();
  child.stdout.unref?.();
  return {
    ready,
    release: () => {
      child.stdin?.end();
      child.kill();
    }
  };
}

// src/farm/node-check.ts
function slurmNodes(env) {
  const n = Math.max(...[env.SLURM_NNODES, env.SLURM_JOB_NUM_NODES].map((v) => Number(v) || 1));
  return Number.isFinite(n) ? n : 1;
}
function checkNodeSpread(c) {
  const n = slurmNodes(c.env);
  if (n <= 1) return void 0;
  const head = `WARNING: this Slurm job spans ${n} nodes, but`;
  const tail = "each node will run the whole tasklist on its own instead of sharing it; put the workdir on a filesystem every node mounts (Lustre, GPFS, NFS)";
  if (c.fs.scope === "memory") {
    c.warn(`${head} workdir ${c.dir} is on ${formatFilesystem(c.fs)}: ${tail}`);
    return void 0;
  }
  const timer = setTimeout(() => {
    for (const node of c.nodes()) if (node !== c.self) return;
    c.warn(
      `${head} no farmer of another node appeared in workdir ${c.dir} (${c.fs.type}) within ${formatDuration(c.delayMs)}: if the workdir is node-local, ${tail}`
    );
  }, c.delayMs);
  timer.unref();
  return timer;
}

// src/farm/startup.ts
async function holdPyLock(dir, emit) {
  const paths = pyTaskFarmerLocks(dir);
  const lock = holdPyTaskFarmerLocks(paths);
  let timer;
  const held = await Promise.race([lock.ready, new Promise((r) => timer = setTimeout(() => r(-1), 2e3))]);
  clearTimeout(timer);
  if (held === -1) {
    emit({
      type: "warning",
      message: `${paths.join(" or ")} stays locked: is a PyTaskFarmer running on this workdir? Stop it: the two must not run together`
    });
  }
  return lock;
}
function announce(wd, {
  workers,
  env,
  emit,
  current
}) {
  const filesystem = detectFilesystem(wd.paths.dir);
  emit({
    type: "started",
    logs: wd.logs,
    workdir: wd.paths.dir,
    farmer: wd.farmerId,
    workers,
    pending: wd.state.count.pending + wd.state.count.claimed,
    finished: wd.previous.finished,
    failed: wd.previous.failed,
    filesystem
  });
  return checkNodeSpread({
    env,
    dir: wd.paths.dir,
    fs: filesystem,
    nodes: () => [...current().farmers.values()].map((f) => f.node),
    self: wd.farmers.get(wd.farmerId)?.node ?? "",
    warn: (message) => emit({ type: "warning", message }),
    delayMs: (Number(env.TASKFARMER_NODE_CHECK_SECONDS) || 30) * 1e3
  });
}

// src/farm/holdings.ts
var Holdings = class {
  /** Claimed, not yet started: short tasks are claimed ahead so the lock is taken per batch, not per task. */
  queue = [];
  completions = [];
  stopped = [];
  get queued() {
    return this.queue.length;
  }
  get ended() {
    return this.completions.length;
  }
  /** Attempts waiting to be recorded. */
  get unrecorded() {
    return this.completions.length + this.stopped.length;
  }
  claimed(claims) {
    this.queue.push(...claims);
  }
  /** The next claimed task to start. */
  next() {
    return this.queue.shift();
  }
  complete(c) {
    this.completions.push(c);
  }
  putBackLater(a) {
    this.stopped.push(a);
  }
  /** Claimed ahead but not started: back to the pool (a drain, a stop). */
  handBack() {
    for (const c of this.queue.splice(0)) this.stopped.push({ id: c.id, attempt: c.attempt });
  }
  /** Everything to record now. */
  take() {
    return { completions: this.completions.splice(0), stopped: this.stopped.splice(0) };
  }
  /** A batch the workdir did not take: first in line for the next sync. */
  putBack(b) {
    this.completions.unshift(...b.completions);
    this.stopped.unshift(...b.stopped);
  }
  /** Every task held here. */
  ids() {
    return new Set([...this.queue, ...this.completions, ...this.stopped].map((c) => c.id));
  }
  /** A rejoin: what was held belongs to a farmer the others took everything back from. */
  forget() {
    this.queue = [];
    this.completions = [];
    this.stopped = [];
  }
};

// src/farm/rounds.ts
var Rounds = class {
  constructor(round, allowed) {
    this.round = round;
    this.allowed = allowed;
  }
  round;
  allowed;
  running = false;
  again = false;
  later = /* @__PURE__ */ new Map();
  request() {
    if (!this.allowed()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    setImmediate(() => void this.round());
  }
  /** A round in `ms`, unless one for the same purpose is already due. */
  soon(purpose, ms2) {
    if (this.later.has(purpose)) return;
    const t = setTimeout(() => {
      this.later.delete(purpose);
      this.request();
    }, ms2);
    this.later.set(purpose, t);
  }
  /** The round has done its work: from now on a request starts the next one. */
  done() {
    this.running = false;
  }
  /** One more round is wanted after this one. */
  askAgain() {
    this.again = true;
  }
  /** Whether one more round was asked for during this one (and forget it). */
  takeAgain() {
    const again = this.again;
    this.again = false;
    return again;
  }
  /** No more rounds: the loop closes. */
  cancel() {
    for (const t of this.later.values()) clearTimeout(t);
  }
};

// src/farm/supervise.ts
var OUR_SIGNALS = new Set(FARMER_SIGNALS);
var SIGNAL_GRACE_MS = 250;
var Supervisor = class {
  constructor(options) {
    this.options = options;
    this.slots = new Array(options.launchers.length).fill(null);
  }
  options;
  slots;
  get size() {
    return this.slots.length;
  }
  running() {
    return this.slots.reduce((n, s) => n + (s ? 1 : 0), 0);
  }
  idle() {
    return this.slots.length - this.running();
  }
  /** The tasks running now. */
  ids() {
    return this.slots.filter((r) => r !== null).map((r) => r.claim.id);
  }
  /** Starts `claim` in a free slot (the caller checked there is one). */
  start(claim, wd) {
    const slot = this.slots.indexOf(null);
    const start = Date.now();
    const ctx = {
      id: claim.id,
      attempt: claim.attempt,
      slot,
      workdir: wd.paths.dir,
      note: (text) => wd.note({ id: claim.id, attempt: claim.attempt, slot, start }, text)
    };
    const r = { claim, slot, wd, ctx, proc: void 0, start, timedOut: false, stopped: false, timers: [] };
    this.slots[slot] = r;
    let exited;
    try {
      const spec = this.options.runner.command(claim.task, ctx);
      const env = {
        ...spec.env,
        ...this.options.slotEnv[slot],
        PROC_NUMBER: String(claim.id),
        TASKFARMER_TASK_ID: String(claim.id),
        TASKFARMER_ATTEMPT: String(claim.attempt),
        TASKFARMER_WORKDIR: wd.paths.dir,
        TASKFARMER_WORKER: String(slot)
      };
      r.proc = this.options.launchers[slot].run(spec, wd.logTarget(claim.id, claim.attempt, slot), env);
      exited = r.proc.exited;
    } catch (err) {
      exited = Promise.resolve({ code: null, signal: null, error: oneLine(err) });
    }
    this.options.emit({ type: "task-start", id: claim.id, attempt: claim.attempt, task: claim.task, slot });
    if (this.options.taskTimeout) {
      r.timers.push(
        setLongTimeout(() => {
          r.timedOut = true;
          this.kill(r);
        }, this.options.taskTimeout)
      );
    }
    void exited.then((info) => {
      if (!info.signal || !OUR_SIGNALS.has(info.signal) || r.timedOut || r.stopped) return this.exit(r, info);
      const settle = () => {
        if (!this.options.accepting()) r.stopped = true;
        this.exit(r, info);
      };
      if (!this.options.accepting()) settle();
      else setTimeout(settle, SIGNAL_GRACE_MS);
    });
  }
  /** Kills every running attempt's tree (SIGTERM, SIGKILL after the grace); they go back to the pool. */
  stopAll() {
    for (const r of this.slots) {
      if (!r) continue;
      r.stopped = true;
      this.kill(r);
    }
  }
  /** SIGKILL to every running attempt's tree now (a second stop). */
  killAll() {
    for (const r of this.slots) r?.proc?.kill("SIGKILL");
  }
  /** Releases the launchers: the farm ended. */
  close() {
    for (const l of this.options.launchers) l.close();
  }
  kill(r) {
    r.proc?.kill("SIGTERM");
    r.timers.push(setTimeout(() => r.proc?.kill("SIGKILL"), this.options.killGrace));
  }
  exit(r, info) {
    for (const t of r.timers) cancelTimer(t);
    r.proc?.kill("SIGKILL");
    const ok = info.code === 0 && !r.timedOut && !r.stopped;
    try {
      this.options.runner.after?.(r.ctx, ok);
    } catch (err) {
      this.options.emit({ type: "warning", message: `runner cleanup for task ${r.claim.id}: ${oneLine(err)}` });
    }
    this.slots[r.slot] = null;
    const end = Date.now();
    const { id, attempt, task } = r.claim;
    if (info.error && (this.options.unreachable() || isUnreachableText(info.error))) r.stopped = true;
    const { code: rc, signal } = info;
    const completion = { id, attempt, ok, rc, signal, timedOut: r.timedOut, start: r.start, end, slot: r.slot, task };
    if (r.stopped && !r.timedOut) {
      this.options.emit(taskEnd(completion, "stopped", r.wd.logFile(id, r.slot)));
      return this.options.ended({ stopped: { id, attempt } });
    }
    if (info.error) this.options.emit({ type: "warning", message: `task ${id} could not start: ${info.error}` });
    this.options.ended({ completion });
  }
};
function taskEnd(c, outcome, log) {
  const { id, attempt, task, slot, rc, signal, timedOut } = c;
  return { type: "task-end", id, attempt, task, slot, outcome, rc, signal, timedOut, durationMs: c.end - c.start, log };
}

// src/farm/loop.ts
var STOP_LOCK_WAIT_MS = 1e3;
var SyncLoop = class {
  constructor(current, host2) {
    this.current = current;
    this.host = host2;
  }
  current;
  host;
  held = new Holdings();
  started = false;
  rounds = new Rounds(
    () => this.doSync(this.current),
    // Not before start (the farmer still announces itself), nor once closing.
    () => this.started && this.host.phase().name !== "done"
  );
  checkTasklist = false;
  /** The last sync failed part-way: the next one checks what it had already written. */
  recheck = false;
  /** Set on the way to a natural end: the tasklist was checked once more for appended lines. */
  finalCheck = false;
  /** A stop found the lock held: what is left is recorded by close(), without waiting long. */
  lockBusy = false;
  /** The farmer's workdir (a rejoin replaces it). */
  get wd() {
    return this.current;
  }
  /** The first round; rounds are asked for from now on. */
  start() {
    this.started = true;
    this.checkBudget();
    this.requestSync();
  }
  /** The next round also looks for lines appended to the tasklist (every 2 s). */
  lookAtTasklist() {
    this.checkTasklist = true;
  }
  /** Claimed ahead but not started: back to the pool (a drain or stop). */
  handBack() {
    this.held.handBack();
  }
  /** A round as soon as the current one (if any) is over. */
  requestSync() {
    this.rounds.request();
  }
  /** One round of the loop: record what ended and what was stopped, claim what is wanted, start it. */
  async doSync(wd) {
    this.checkWalltime();
    const open = accepting(this.host.phase());
    const want = open ? this.host.policy.want(this.host.attempts.idle(), this.held.queued) : 0;
    if (!open) this.held.handBack();
    const batch = this.held.take();
    const { completions, stopped } = batch;
    const checkTasklist = this.checkTasklist;
    this.checkTasklist = false;
    try {
      if (this.lockBusy && stopAsked(this.host.phase())) {
        this.held.putBack(batch);
      } else if (completions.length || stopped.length || want > 0 || this.host.outage.waiting) {
        const recheck = this.recheck;
        const began = Date.now();
        const res = await wd.sync({ completions, stopped, want, checkTasklist, recheck });
        this.host.policy.observeSync(Date.now() - began);
        if (recheck) this.recheck = false;
        res.outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
        this.held.claimed(res.claims);
        if (res.claims.length) this.finalCheck = false;
        this.checkBudget();
        if (this.host.outage.waiting) this.afterOutage(wd);
        this.fillSlots();
      }
    } catch (err) {
      if (err instanceof LockWaitAborted) {
        this.lockBusy = true;
        this.held.putBack(batch);
      } else if (err instanceof StaleWorkdirError && accepting(this.host.phase())) await this.rejoin(err);
      else {
        const stop = this.host.outage.failed(err);
        if (stop) this.host.apply({ type: "fail", error: stop });
        if (!failure(this.host.phase())) {
          this.held.putBack(batch);
          this.recheck = true;
        }
      }
    }
    this.rounds.done();
    if (this.shouldFinish()) {
      void this.close();
      return;
    }
    if (this.host.outage.waiting && !failure(this.host.phase())) return this.rounds.soon("retry", 1e3);
    if (this.rounds.takeAgain() || this.held.unrecorded) this.requestSync();
    else if (this.host.attempts.running() === 0 && this.held.queued === 0) {
      this.rounds.soon("idle", 500);
    }
  }
  /**
   * The workdir answers again. A sync that failed part-way may have recorded claims we never
   * received: hand back every claim we hold but do not run, queue or report.
   */
  afterOutage(wd) {
    this.host.outage.ok();
    const ours = this.held.ids();
    for (const id of this.host.attempts.ids()) ours.add(id);
    for (const c of wd.ownClaims()) if (!ours.has(c.id)) this.held.putBackLater(c);
    if (this.held.unrecorded) this.requestSync();
  }
  fillSlots() {
    if (!accepting(this.host.phase()) || this.host.outage.waiting) return;
    if (this.held.queued > 0 && this.host.attempts.idle() > 0 && !this.checkWalltime()) return;
    while (this.held.queued > 0 && this.host.attempts.idle() > 0)
      this.host.attempts.start(this.held.next(), this.current);
  }
  /** An attempt ended: note it for the next sync, then go on. */
  ended(end) {
    if ("stopped" in end) {
      this.held.putBackLater(end.stopped);
      this.host.ran.stopped++;
    } else {
      const c = end.completion;
      this.held.complete(c);
      this.host.policy.observe(c.end - c.start);
      this.host.limits.observe(c.end - c.start);
    }
    this.afterExit();
  }
  /**
   * After a task ends: start the next one from the queue, and record completions now when the
   * queue runs low (or the farmer stops), else batched (ClaimPolicy.flushMs).
   */
  afterExit() {
    this.fillSlots();
    const low = accepting(this.host.phase()) && this.host.policy.low(this.held.queued);
    const ending = this.host.phase().name === "stopping" || this.host.phase().name === "failed";
    if (low || ending || this.host.attempts.running() === 0 || this.held.ended >= this.host.attempts.size) {
      this.requestSync();
    } else this.rounds.soon("flush", this.host.policy.flushMs());
  }
  shouldFinish() {
    if (this.host.attempts.running() > 0 || this.held.queued) return false;
    if (this.lockBusy && stopAsked(this.host.phase())) return true;
    if (this.held.unrecorded) return false;
    if (!accepting(this.host.phase())) return true;
    const wd = this.current;
    if (wd.state.count.pending > 0 || wd.othersHoldClaims()) return false;
    if (!this.finalCheck) {
      this.finalCheck = true;
      this.checkTasklist = true;
      this.rounds.askAgain();
      return false;
    }
    return true;
  }
  reportEnd(c, outcome) {
    if (outcome === "done") this.host.ran.done++;
    else if (outcome === "failed") this.host.ran.failed++;
    else if (outcome === "retry") this.host.ran.retried++;
    this.host.emit(taskEnd(c, outcome, this.current.logFile(c.id, c.slot)));
  }
  /** --max-failures: once the workdir's final failures reach it, no more claims (and with kill, no more running). */
  checkBudget() {
    const event = accepting(this.host.phase()) ? this.host.limits.failures(this.current.state.count.failed) : void 0;
    if (event) this.host.apply(event);
  }
  /** False (and draining) once a task started now is expected to outlive the farmer's deadline. */
  checkWalltime() {
    const event = accepting(this.host.phase()) ? this.host.limits.deadline(Date.now()) : void 0;
    if (event) this.host.apply(event);
    return !event;
  }
  /**
   * Another farmer compacted the workdir while this one was presumed dead (silent longer than
   * the lease: stopped, suspended, cut off from the filesystem). Our claims went to others and
   * our journal to history, so what we still run would be fenced: stop it, forget our queue,
   * and join again as a new farmer, as if just started.
   */
  async rejoin(err) {
    this.host.emit({
      type: "warning",
      message: `${err.message}; stopping its ${this.host.attempts.running()} running task(s) and joining again`
    });
    this.host.attempts.stopAll();
    this.held.forget();
    try {
      this.current = await this.host.reopen();
    } catch (e) {
      this.host.apply({ type: "fail", error: e });
    }
  }
  async close() {
    if (this.host.phase().name === "done") return;
    const stopping = stopAsked(this.host.phase());
    this.host.apply({ type: "close" });
    this.rounds.cancel();
    try {
      const { completions, stopped } = this.held.take();
      const outcomes = await this.current.close(
        { completions, stopped, recheck: this.recheck },
        stopping ? STOP_LOCK_WAIT_MS : void 0
      );
      outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
    } catch (err) {
      this.host.apply({ type: "fail", error: err });
    }
    this.host.closed();
  }
};

// src/farm/walltime.ts
var SAMPLES = 200;
var SLACK_MS = 1e3;
var WalltimeGuard = class {
  /** `deadline`: when the farmer will be stopped (ms since the epoch). */
  constructor(deadline) {
    this.deadline = deadline;
  }
  deadline;
  durations = [];
  next = 0;
  /** A task of this farmer ended after `ms` (only real ends count: a stopped task says nothing). */
  observe(ms2) {
    if (this.durations.length < SAMPLES) this.durations.push(ms2);
    else this.durations[this.next++ % SAMPLES] = ms2;
  }
  /** The 90th percentile of the durations seen, or undefined before any task ended. */
  p90() {
    return percentile(this.durations, 0.9);
  }
  /**
   * False when a task started now is expected to outlive the deadline: now + p90 + slack.
   * Before any task ended there is nothing to expect, and the farmer claims as usual.
   */
  fits(now) {
    const p = this.p90();
    return p === void 0 || now + p + SLACK_MS <= this.deadline;
  }
};
function percentile(values, q) {
  if (values.length === 0) return void 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function findDeadline(started, timeoutMs, env, timeLeft) {
  const ends = [];
  if (timeoutMs) ends.push(started + timeoutMs);
  const end = env.SLURM_JOB_END_TIME?.trim();
  if (end && /^\d+$/.test(end)) ends.push(Number(end) * 1e3);
  else if (env.SLURM_JOB_ID) {
    const left = parseSlurmTimeLeft(timeLeft(env.SLURM_JOB_ID) ?? "");
    if (left !== void 0) ends.push(started + left);
  }
  return ends.length ? Math.min(...ends) : void 0;
}
function parseSlurmTimeLeft(text) {
  const m = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)$/.exec(text.trim());
  if (!m) return void 0;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0));
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1e3;
}

// src/farm/farm.ts
async function farm(options) {
  const f = new Farm(options);
  return f.run();
}
var Farm = class {
  options;
  setup;
  phase = { name: "running" };
  attempts;
  /** Set once the workdir is open. */
  loop;
  policy;
  limits;
  outage;
  /** Ends waits for the workdir lock when a stop comes (a stalled holder must not delay it). */
  lockAbort = new AbortController();
  /** PyTaskFarmer's flock, held while we run so that a PyTaskFarmer on this workdir waits. */
  pyLock;
  timers = [];
  ran = { done: 0, failed: 0, retried: 0, stopped: 0 };
  started = Date.now();
  stopListening = () => {
  };
  resolveDone;
  constructor(options) {
    this.setup = setUp(options);
    this.options = this.setup.options;
    this.policy = new ClaimPolicy(this.options.workers);
    this.limits = new Limits(this.setup.budget);
  }
  async run() {
    const o = this.options;
    const tasklist = resolve2(o.tasklist);
    const handler = typeof o.handler === "function" ? o.handler : resolveHandler(o.handler ?? "default", o.handlers);
    const { runner, baseEnv, bindings, slotEnv } = this.setup;
    runner.preflight?.();
    const makeLauncher = o.launchers ?? await defaultLaunchers();
    this.attempts = new Supervisor({
      runner,
      launchers: bindings.map((bind) => makeLauncher(baseEnv, bind)),
      slotEnv,
      killGrace: o.killGrace,
      taskTimeout: o.taskTimeout,
      emit: (e) => this.emit(e),
      accepting: () => accepting(this.phase),
      unreachable: () => this.outage.waiting,
      ended: (end) => this.loop.ended(end)
    });
    this.stopListening = listenForStops(o, { stop: (r) => this.stop(r), drain: () => this.drain("drain") });
    const dir = resolve2(o.workdir ?? `${o.tasklist}_workdir`);
    this.outage = new FsOutage(dir, o.fsWait, (message) => this.emit({ type: "warning", message }));
    const wdOptions = {
      dir,
      tasklist,
      handler,
      retries: o.retries,
      lease: o.lease,
      lockStale: o.lockStale,
      workers: o.workers,
      logs: o.logs,
      warn: (message) => this.emit({ type: "warning", message }),
      signal: this.lockAbort.signal
    };
    let wd;
    try {
      wd = await Workdir.open(wdOptions);
    } catch (err) {
      this.stopListening();
      if (isUsageError(err)) throw err;
      const ms2 = Date.now() - this.started;
      if (err instanceof LockWaitAborted) return stoppedBeforeStart(dir, endReason(this.phase), ms2);
      return unwritable(dir, err, ms2);
    }
    const loop = this.loop = new SyncLoop(wd, {
      attempts: this.attempts,
      policy: this.policy,
      limits: this.limits,
      outage: this.outage,
      ran: this.ran,
      phase: () => this.phase,
      apply: (event) => this.apply(event),
      emit: (e) => this.emit(e),
      reopen: () => Workdir.open(wdOptions),
      closed: () => this.closed()
    });
    this.pyLock = await holdPyLock(wd.paths.dir, (e) => this.emit(e));
    const nodeTimer = announce(wd, {
      workers: o.workers,
      env: baseEnv,
      emit: (e) => this.emit(e),
      current: () => loop.wd
    });
    if (nodeTimer) this.timers.push(nodeTimer);
    const done = new Promise((r) => this.resolveDone = r);
    const tick = Math.min(Math.max(o.lease / 6, 250), 5e3);
    this.timers.push(
      setInterval(() => {
        try {
          loop.wd.heartbeat();
        } catch (err) {
          const stop = this.outage.failed(err);
          if (stop) this.apply({ type: "fail", error: stop });
        }
        if (this.attempts.idle() > 0 || this.attempts.running() === 0) loop.requestSync();
      }, tick),
      setInterval(() => loop.lookAtTasklist(), 2e3)
    );
    if (o.timeout) this.timers.push(setLongTimeout(() => this.stop("timeout"), o.timeout));
    const deadline = o.walltimeGuard === false ? void 0 : findDeadline(this.started, o.timeout, process.env, slurmTimeLeft);
    if (deadline) this.limits.guard(new WalltimeGuard(deadline));
    loop.start();
    await done;
    return farmResult({ wd: loop.wd, phase: this.phase, ran: this.ran, started: this.started, limits: this.limits });
  }
  emit(e) {
    this.options.onEvent?.(e);
  }
  /** Every change of phase goes through here: phase.ts decides, this does what it says. */
  apply(event) {
    const { phase, effect } = next(this.phase, event);
    this.phase = phase;
    if (effect === "kill") this.attempts.killAll();
    else if (effect === "fail") this.attempts.stopAll();
    else if (effect === "close") for (const t of this.timers) cancelTimer(t);
    else if ((effect === "drain" || effect === "stop") && "reason" in event) {
      if (effect === "stop") {
        this.lockAbort.abort();
        if (!this.loop) return;
      }
      this.loop?.handBack();
      this.emit({ type: "stopping", reason: event.reason });
      if (effect === "stop") this.attempts.stopAll();
      this.loop?.requestSync();
    }
  }
  /** Stop claiming, kill every running task's tree, put them back; a second request kills at once. */
  stop(reason) {
    this.apply({ type: "stop", reason });
  }
  /** No new tasks; running ones finish. */
  drain(reason) {
    this.apply({ type: "drain", reason });
  }
  /** The loop closed the workdir: release the rest, and return. */
  closed() {
    this.attempts.close();
    this.pyLock?.release();
    this.stopListening();
    this.resolveDone();
  }
};

// src/report/logtail.ts
import { basename as basename3, dirname as dirname4 } from "node:path";

// src/workdir/tasklog-reader.ts
import { closeSync as closeSync4, openSync as openSync3, readdirSync as readdirSync4, statSync as statSync8 } from "node:fs";
import { basename as basename2, join as join5 } from "node:path";
var CHUNK = 1 << 20;
var PREFIX = Buffer.from("### taskfarmer task=");
var TaskLogs = class _TaskLogs {
  paths;
  workerFiles;
  constructor(workdir) {
    this.paths = layout(workdir);
  }
  /** For a user's command: a UsageError if `workdir` is no workdir. */
  static open(workdir) {
    return new _TaskLogs(workdirLayout(workdir).dir);
  }
  /**
   * The outputs of each task in `ids`, oldest first: one pass over every per-worker log (or
   * over `files` only, when the caller knows where the task ran), whatever the number of ids.
   */
  find(ids, files) {
    const wanted = new Set(ids);
    const out = /* @__PURE__ */ new Map();
    for (const id of wanted) out.set(id, []);
    if (wanted.size === 0) return out;
    for (const file of files ?? this.listWorkerFiles()) {
      let last;
      scanFrames(file, (h, start, end, complete) => {
        if (!wanted.has(h.id)) return;
        if (last && last.id === h.id && last.attempt === h.attempt && last.file === file) {
          last.ranges.push([start, end]);
          last.complete &&= complete;
          return;
        }
        last = { id: h.id, attempt: h.attempt, file, time: h.start, ranges: [[start, end]], complete };
        out.get(h.id).push(last);
      });
    }
    for (const [id, list] of out) {
      const file = perTaskLogPath(this.paths, id);
      const stats = statSync8(file, { throwIfNoEntry: false });
      if (stats?.isFile())
        list.push({ id, attempt: null, file, time: stats.mtimeMs, ranges: [[0, stats.size]], complete: true });
      list.sort((a, b) => a.time - b.time || (a.attempt ?? 0) - (b.attempt ?? 0));
    }
    return out;
  }
  /** Every kept output of a task, oldest first. */
  outputs(id, files) {
    return this.find([id], files).get(id);
  }
  /** The latest kept output of a task (or of attempt `attempt`), if any. */
  latest(id, attempt, files) {
    const list = this.outputs(id, files).filter((output) => attempt === void 0 || output.attempt === attempt);
    return list[list.length - 1];
  }
  listWorkerFiles() {
    if (!this.workerFiles) {
      let names = [];
      try {
        names = readdirSync4(this.paths.logs).filter(isWorkerLogName).sort();
      } catch {
      }
      this.workerFiles = names.map((n) => join5(this.paths.logs, n));
    }
    return this.workerFiles;
  }
};
function outputIn(file, id, attempt) {
  if (!file) return void 0;
  if (!isWorkerLogName(basename2(file))) {
    const stats = statSync8(file, { throwIfNoEntry: false });
    return stats?.isFile() ? { id, attempt: null, file, time: stats.mtimeMs, ranges: [[0, stats.size]], complete: true } : void 0;
  }
  let found;
  scanFrames(file, (h, start, end, complete) => {
    if (h.id !== id || h.attempt !== attempt) return;
    if (found) {
      found.ranges.push([start, end]);
      found.complete &&= complete;
    } else found = { id, attempt, file, time: h.start, ranges: [[start, end]], complete };
  });
  return found;
}
function readOutput(output, max = Infinity) {
  const size = output.ranges.reduce((n, [s, e]) => n + e - s, 0);
  let fd2;
  try {
    fd2 = openSync3(output.file, "r");
  } catch {
    return { bytes: Buffer.alloc(0), size: 0 };
  }
  try {
    const parts = [];
    let need2 = Math.min(max, size);
    for (let i = output.ranges.length - 1; i >= 0 && need2 > 0; i--) {
      const [s, e] = output.ranges[i];
      const from = Math.max(s, e - need2);
      parts.unshift(readRange(fd2, from, e));
      need2 -= e - from;
    }
    return { bytes: Buffer.concat(parts), size };
  } finally {
    closeSync4(fd2);
  }
}
function scanFrames(path, each) {
  withOpenFile(path, (fd2, size) => {
    let win = Buffer.alloc(0);
    let winStart = 0;
    const view = (pos, need2) => {
      if (pos < winStart || pos + need2 > winStart + win.length) {
        win = readRange(fd2, pos, Math.min(size, pos + Math.max(CHUNK, need2)));
        winStart = pos;
      }
      return win.subarray(pos - winStart);
    };
    const nextHeader = (from) => {
      for (let pos = from; pos < size; ) {
        const b = view(pos, Math.min(CHUNK, size - pos));
        let i = b.indexOf(PREFIX);
        while (i >= 0 && !parseFrameHeader(view(pos + i, HEADER_MAX))) {
          i = view(pos, Math.min(CHUNK, size - pos)).indexOf(PREFIX, i + 1);
        }
        if (i >= 0) return pos + i;
        if (b.length <= PREFIX.length) break;
        pos += b.length - PREFIX.length;
      }
      return size;
    };
    let p = 0;
    while (p < size) {
      const h = parseFrameHeader(view(p, HEADER_MAX));
      if (!h) {
        p = nextHeader(p + 1);
        continue;
      }
      const start = p + h.length;
      if (h.bytes === void 0 || start + h.bytes > size) {
        const end2 = nextHeader(start);
        each(h, start, end2, false);
        p = end2;
        continue;
      }
      const end = start + h.bytes;
      each(h, start, end, true);
      p = end < size && view(end, 1)[0] === 10 ? end + 1 : end;
    }
  });
}

// src/report/logtail.ts
function outputTail(o, lines = 20, bytes2 = 4096) {
  if (!o) return { text: "", truncated: false };
  const { bytes: buf, size } = readOutput(o, bytes2);
  if (size === 0) return { text: "", truncated: false };
  const cut = buf.length < size;
  let raw = buf.toString("utf8");
  if (cut) raw = raw.replace(/^\uFFFD+/, "");
  let all = raw.replace(/\r\n/g, "\n").split("\n");
  if (all[all.length - 1] === "") all.pop();
  if (cut && all.length > 1 && all.slice(1).some((l) => l.trim() !== "")) all = all.slice(1);
  all = all.map(clean);
  const kept = all.slice(-lines);
  let text = kept.join("\n");
  if (Buffer.byteLength(text) > bytes2) text = Buffer.from(text).subarray(-bytes2).toString("utf8");
  return { text, truncated: cut || kept.length < all.length };
}
function clean(line) {
  const segments = line.split("\r").filter((s) => s !== "");
  return (segments.at(-1) ?? "").replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
}
function latestTails(logs, ids, lines, bytes2, files) {
  const out = /* @__PURE__ */ new Map();
  for (const [id, list] of logs.find(ids, files)) out.set(id, outputTail(list[list.length - 1], lines, bytes2));
  return out;
}
function attemptTail(e, lines, bytes2) {
  return outputTail(outputIn(e.log, e.id, e.attempt), lines, bytes2);
}
function logWhere(e) {
  if (!e.log) return "no log kept (logs: none)";
  if (!isWorkerLogName(basename3(e.log))) return `log: ${e.log}`;
  return `log: taskfarmer logs ${dirname4(dirname4(e.log))} ${e.id} --attempt ${e.attempt} (in ${e.log})`;
}

// src/report/report.ts
import { basename as basename4, relative as relative2 } from "node:path";

// src/report/fold.ts
import { existsSync as existsSync5, readFileSync as readFileSync5 } from "node:fs";
var CHUNK2 = 4 << 20;
function foldWorkdir(workdir) {
  const reader = readerFor(workdir);
  const paths = reader.paths;
  const farmers = [];
  const byId = /* @__PURE__ */ new Map();
  const task = [];
  const spans = { task: [], farmer: [], worker: [], start: [], end: [], kind: [] };
  const farmerIndex = (id) => {
    let i = byId.get(id);
    if (i === void 0) {
      i = farmers.length;
      byId.set(id, i);
      farmers.push({
        id,
        host: "",
        pid: 0,
        workers: 0,
        start: null,
        end: null,
        bye: false,
        attempts: 0,
        busyMs: 0,
        logs: "per-task"
      });
    }
    return i;
  };
  const acc = (id) => {
    let t = task[id];
    if (!t) {
      t = {
        attempts: 0,
        retried: 0,
        s: 0,
        e: 0,
        w: -1,
        rc: null,
        sig: null,
        to: false,
        farmer: -1,
        claimTs: 0,
        claimFarmer: -1
      };
      task[id] = t;
    }
    return t;
  };
  for (const j of listJournals(paths)) {
    const fi = farmerIndex(j.farmer);
    const f = farmers[fi];
    const live = j.active ? reader.farmer(j.farmer) : void 0;
    const seen = (ts) => {
      if (!(ts > 0)) return;
      if (f.start === null || ts < f.start) f.start = ts;
      if (!f.bye && (f.end === null || ts > f.end)) f.end = ts;
    };
    readRecords(j.path, (records) => {
      if (live) reader.apply(live, records);
      for (const r of records) {
        switch (r.t) {
          case "hello":
            Object.assign(f, { host: r.host, pid: r.pid, workers: r.workers, logs: r.logs ?? "per-task" });
            f.start = f.start === null ? r.ts : Math.min(f.start, r.ts);
            seen(r.ts);
            break;
          case "hb":
            seen(r.ts);
            break;
          case "bye":
            seen(r.ts);
            f.end = r.ts;
            f.bye = true;
            break;
          case "claim": {
            const t = acc(r.id);
            t.attempts++;
            t.claimTs = r.ts;
            t.claimFarmer = fi;
            if (t.e === 0) t.farmer = fi;
            seen(r.ts);
            break;
          }
          case "done":
          case "fail": {
            const t = acc(r.id);
            if (r.e === 0) break;
            const kind = r.t === "done" ? 0 : r.final ? 1 : 2;
            if (kind === 2) t.retried++;
            if (r.e >= t.e) {
              Object.assign(t, { s: r.s, e: r.e, w: r.w, farmer: fi });
              t.rc = r.t === "done" ? 0 : r.rc;
              t.sig = r.t === "done" ? null : r.sig;
              t.to = r.t === "done" ? false : r.to;
            }
            f.attempts++;
            f.busyMs += Math.max(0, r.e - r.s);
            seen(r.e);
            spans.task.push(r.id);
            spans.farmer.push(fi);
            spans.worker.push(r.w);
            spans.start.push(r.s);
            spans.end.push(r.e);
            spans.kind.push(kind);
            break;
          }
          default:
            break;
        }
      }
    });
  }
  const text = [];
  const outcome = [];
  const st = reader.state;
  for (let id = 0; id < st.size; id++) {
    const s = st.statusOf(id);
    if (s === 0 /* Absent */) continue;
    text[id] = st.task(id);
    outcome[id] = s === 2 /* Claimed */ ? "running" : s === 3 /* Done */ ? "finished" : s === 4 /* Failed */ ? "failed" : "pending";
  }
  for (const [file, o] of [
    [paths.failed, "failed"],
    [paths.finished, "finished"]
  ]) {
    if (!existsSync5(file)) continue;
    forEachTaskLine(
      readFileSync5(file),
      file,
      (id, t) => {
        text[id] = t;
        outcome[id] = o;
      },
      { lenient: true }
    );
  }
  return { paths, text, outcome, task, farmers, spans };
}
function readRecords(path, each) {
  withOpenFile(path, (fd2, size) => {
    let pos = 0;
    while (pos < size) {
      const chunk = readRange(fd2, pos, Math.min(size, pos + CHUNK2));
      const { records, consumed } = decodeChunk(chunk);
      if (consumed === 0) {
        const rest = readRange(fd2, pos, size);
        const r = decodeChunk(rest);
        each(r.records);
        break;
      }
      each(records);
      pos += consumed;
    }
  });
}

// src/report/report.ts
function buildReport(workdir, opts = {}) {
  return collectReport(workdir, opts).report;
}
function collectReport(workdir, opts = {}) {
  const fold = foldWorkdir(workdir);
  const { paths, outcome, farmers } = fold;
  const withTasks = opts.tasks ?? true;
  const maxFailures = opts.maxFailures ?? 50;
  const counts = { total: 0, finished: 0, failed: 0, toProcess: 0, running: 0, retried: 0 };
  const tasks = [];
  const failures = [];
  const durations = [];
  const slowest = [];
  const nSlowest = opts.slowest ?? 10;
  let wallStart = Infinity;
  let wallEnd = -Infinity;
  for (let id = 0; id < outcome.length; id++) {
    const o = outcome[id];
    if (o === void 0) continue;
    const rt = taskOf(fold, id, o);
    counts.total++;
    if (o === "finished") counts.finished++;
    else if (o === "failed") counts.failed++;
    else if (o === "running") counts.running++;
    else counts.toProcess++;
    counts.retried += fold.task[id]?.retried ?? 0;
    if (withTasks) tasks.push(rt);
    if (rt.durationMs !== null) {
      durations.push(rt.durationMs);
      pushSlowest(slowest, rt, nSlowest);
    }
    if (o === "failed" && failures.length < maxFailures) failures.push({ ...rt, logTail: "", logTailTruncated: false });
  }
  const tails = latestTails(
    new TaskLogs(paths.dir),
    failures.map((f) => f.id),
    opts.tailLines ?? 20,
    opts.tailBytes ?? 4096,
    workerFiles(fold.farmers)
  );
  for (const f of failures) {
    const tail = tails.get(f.id);
    f.logTail = tail.text;
    f.logTailTruncated = tail.truncated;
  }
  for (const f of farmers) {
    if (f.start !== null) wallStart = Math.min(wallStart, f.start);
    if (f.end !== null) wallEnd = Math.max(wallEnd, f.end);
  }
  for (let i = 0; i < fold.spans.start.length; i++) {
    wallStart = Math.min(wallStart, fold.spans.start[i]);
    wallEnd = Math.max(wallEnd, fold.spans.end[i]);
  }
  const hasWall = Number.isFinite(wallStart) && Number.isFinite(wallEnd);
  const report = {
    version: 1,
    generated: (/* @__PURE__ */ new Date()).toISOString(),
    workdir: paths.dir,
    filesystem: detectFilesystem(paths.dir),
    counts,
    wall: {
      start: hasWall ? wallStart : null,
      end: hasWall ? wallEnd : null,
      durationMs: hasWall ? wallEnd - wallStart : null
    },
    durations: durationStats(durations),
    utilization: hasWall ? utilization(fold, wallStart, wallEnd, opts.buckets ?? 120) : null,
    farmers: farmers.map((f) => ({
      id: f.id,
      host: f.host,
      pid: f.pid,
      workers: f.workers,
      start: f.start,
      end: f.end,
      ended: f.bye,
      attempts: f.attempts,
      busyMs: f.busyMs,
      logs: f.logs
    })),
    tasks,
    slowest,
    failures,
    failuresOmitted: counts.failed - failures.length
  };
  return { report, spans: fold.spans, fold };
}
function taskOf(fold, id, o) {
  const t = fold.task[id];
  const timed = t !== void 0 && t.e > 0 && (o === "finished" || o === "failed");
  const fi = o === "running" ? t?.claimFarmer ?? -1 : t?.farmer ?? -1;
  const f = fi >= 0 ? fold.farmers[fi] : void 0;
  const running = o === "running" && t !== void 0 && t.claimTs > 0;
  return {
    id,
    task: fold.text[id] ?? "",
    outcome: o,
    attempts: t?.attempts ?? 0,
    exitCode: timed ? t.rc : null,
    signal: timed ? t.sig : null,
    timedOut: timed ? t.to : false,
    start: timed ? t.s : running ? t.claimTs : null,
    end: timed ? t.e : null,
    durationMs: timed ? Math.max(0, t.e - t.s) : null,
    host: f?.host || null,
    farmer: f?.id ?? null,
    worker: timed && t.w >= 0 ? t.w : null,
    log: logOf(fold, id, f, timed ? t.w : -1)
  };
}
function logOf(fold, id, f, worker) {
  const mode = f?.logs ?? "per-task";
  if (mode === "per-worker" && worker < 0) return null;
  const file = logFileOf(fold.paths, mode, id, f?.id ?? "", worker);
  return file === void 0 ? null : relative2(fold.paths.dir, file);
}
function pushSlowest(list, t, n) {
  if (n <= 0) return;
  const d = t.durationMs;
  if (list.length === n && d <= list[n - 1].durationMs) return;
  let i = list.length;
  while (i > 0 && list[i - 1].durationMs < d) i--;
  list.splice(i, 0, t);
  if (list.length > n) list.pop();
}
function durationStats(d) {
  if (d.length === 0) {
    return { count: 0, totalMs: 0, minMs: null, meanMs: null, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null };
  }
  const s = Float64Array.from(d).sort();
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  let total = 0;
  for (const v of s) total += v;
  return {
    count: s.length,
    totalMs: total,
    minMs: s[0],
    meanMs: Math.round(total / s.length),
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
    maxMs: s[s.length - 1]
  };
}
function utilization(fold, start, end, n) {
  const span = Math.max(1, end - start);
  const bucketMs = Math.max(1, Math.ceil(span / n));
  const buckets = Math.max(1, Math.ceil(span / bucketMs));
  const busy = new Float64Array(buckets);
  const full = new Float64Array(buckets + 1);
  const add = (s, e, target, diff) => {
    if (e <= s) return;
    const a = Math.min(buckets - 1, Math.floor((s - start) / bucketMs));
    const b = Math.min(buckets - 1, Math.floor((e - start) / bucketMs));
    if (a === b) {
      target[a] += (e - s) / bucketMs;
      return;
    }
    target[a] += (start + (a + 1) * bucketMs - s) / bucketMs;
    target[b] += (e - (start + b * bucketMs)) / bucketMs;
    if (b > a + 1) {
      diff[a + 1] += 1;
      diff[b] -= 1;
    }
  };
  const sp = fold.spans;
  for (let i = 0; i < sp.start.length; i++) add(sp.start[i], sp.end[i], busy, full);
  const cap = new Float64Array(buckets);
  for (const f of fold.farmers) {
    if (f.start === null || f.end === null || f.workers === 0) continue;
    const c = new Float64Array(buckets);
    const cf = new Float64Array(buckets + 1);
    add(f.start, f.end, c, cf);
    let run3 = 0;
    for (let i = 0; i < buckets; i++) {
      run3 += cf[i];
      cap[i] += (c[i] + run3) * f.workers;
    }
  }
  let run2 = 0;
  const out = [];
  for (let i = 0; i < buckets; i++) {
    run2 += full[i];
    out.push(round2(busy[i] + run2));
  }
  return { bucketMs, start, busy: out, capacity: Array.from(cap, round2) };
}
var round2 = (v) => Math.round(v * 100) / 100;
function logLabel(t) {
  if (t.log === null) return "no log kept";
  return isWorkerLogName(basename4(t.log)) ? `${t.log} (its part: taskfarmer logs WORKDIR ${t.id})` : t.log;
}
function workerFiles(farmers) {
  return farmers.some((f) => f.logs === "per-worker") ? void 0 : [];
}

// src/report/ended.ts
function howEnded(t) {
  if (t.timedOut) return "timed out";
  if (t.signal) return `killed by ${t.signal}`;
  return t.code === null ? "exit status unknown" : `exit ${t.code}`;
}

// src/report/markdown.ts
function renderMarkdownSummary(report, opts = {}) {
  const maxBytes = opts.maxBytes ?? 100 * 1024;
  const maxCmd = opts.maxCommand ?? 120;
  const c = report.counts;
  const ok = c.failed === 0 && c.toProcess === 0 && c.running === 0;
  const icon = c.failed > 0 ? "\u274C" : ok ? "\u2705" : "\u23F8\uFE0F";
  const head = [];
  head.push(`## ${icon} ${opts.title ?? "taskfarmer"}`, "");
  const left = c.toProcess + c.running;
  head.push(
    `**${c.finished}** finished, **${c.failed}** failed` + (left ? `, **${left}** not done (${c.running} running, ${c.toProcess} to process)` : "") + ` of ${c.total} tasks` + (report.wall.durationMs !== null ? ` in ${formatDuration(report.wall.durationMs)}` : "") + (c.retried ? `; ${c.retried} failed attempt(s) retried` : "") + ".",
    ""
  );
  const d = report.durations;
  if (d.count > 0) {
    const busy = report.farmers.reduce((n, f) => n + f.workers, 0);
    head.push(
      "| tasks timed | mean | median | p90 | max | farmers | workers |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      `| ${d.count} | ${fd(d.meanMs)} | ${fd(d.p50Ms)} | ${fd(d.p90Ms)} | ${fd(d.maxMs)} | ${report.farmers.length} | ${busy} |`,
      ""
    );
  }
  const tail = [];
  const nSlow = Math.min(opts.slowest ?? 5, report.slowest.length);
  if (nSlow > 0) {
    tail.push("### Slowest tasks", "", "| id | duration | outcome | host | command |", "|---:|---:|---|---|---|");
    for (const t of report.slowest.slice(0, nSlow)) {
      tail.push(`| ${t.id} | ${fd(t.durationMs)} | ${t.outcome} | ${cell(t.host ?? "")} | ${code(t.task, maxCmd)} |`);
    }
    tail.push("");
  }
  let out = head.join("\n") + "\n";
  const tailText = tail.join("\n") + "\n";
  if (report.failures.length > 0 || c.failed > 0) {
    const shown2 = report.failures.slice(0, opts.maxFailures ?? 20);
    const table = [
      "### Failed tasks",
      "",
      "| id | ended | attempts | duration | host | command |",
      "|---:|---|---:|---:|---|---|"
    ];
    for (const t of shown2) {
      table.push(
        `| ${t.id} | ${how(t)} | ${t.attempts} | ${fd(t.durationMs)} | ${cell(t.host ?? "")} | ${code(t.task, maxCmd)} |`
      );
    }
    table.push("");
    const tableText = table.join("\n") + "\n";
    const budget = maxBytes - bytes(out) - bytes(tailText) - 200;
    let used = 0;
    let listed = 0;
    if (bytes(tableText) <= budget) {
      out += tableText;
      used += bytes(tableText);
      for (const t of shown2) {
        const block = logBlock(t.id, t.task, logLabel(t), t.logTail, t.logTailTruncated, maxCmd);
        if (used + bytes(block) > budget) break;
        out += block;
        used += bytes(block);
        listed++;
      }
    }
    const more = c.failed - listed;
    if (more > 0) {
      out += `
_${more} more failed task(s) without log excerpt here: see \`failed\` and \`logs/\` in the workdir, or \`taskfarmer report\`._

`;
    }
  }
  if (bytes(out) + bytes(tailText) <= maxBytes) out += tailText;
  return cutToBytes(out, maxBytes);
}
function logBlock(id, task, log, tailText, truncated, maxCmd) {
  const fence = "`".repeat(Math.max(3, longestRun(tailText, "`") + 1));
  const note = truncated ? " (last lines)" : "";
  return `<details><summary>task ${id}: <code>${html(short(task, maxCmd))}</code> \u2014 ${html(log)}${note}</summary>

${fence}text
${tailText || "(empty log)"}
${fence}

</details>

`;
}
var how = (t) => howEnded({ code: t.exitCode, signal: t.signal, timedOut: t.timedOut });
var fd = (ms2) => ms2 === null ? "\u2013" : formatDuration(ms2);
var bytes = (s) => Buffer.byteLength(s);
var short = (s, n) => s.length > n ? s.slice(0, n - 1) + "\u2026" : s;
var html = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[*_[\]`~\\@]/g, (c) => `&#${c.charCodeAt(0)};`);
var cell = (s) => html(s).replace(/\|/g, "&#124;").replace(/\n/g, " ");
var code = (s, n) => `<code>${cell(short(s, n))}</code>`;
function longestRun(s, ch) {
  let best = 0;
  let run2 = 0;
  for (const c of s) {
    run2 = c === ch ? run2 + 1 : 0;
    if (run2 > best) best = run2;
  }
  return best;
}
function cutToBytes(s, max) {
  if (bytes(s) <= max) return s;
  return Buffer.from(s).subarray(0, max).toString("utf8").replace(/\uFFFD$/, "");
}

export {
  parseDuration,
  formatDuration,
  makeDirs,
  LOG_MODES,
  detectFilesystem,
  formatFilesystem,
  farm,
  TaskLogs,
  readOutput,
  foldWorkdir,
  latestTails,
  attemptTail,
  logWhere,
  buildReport,
  collectReport,
  taskOf,
  logLabel,
  workerFiles,
  howEnded,
  renderMarkdownSummary
};
