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

// src/runners/shell.ts
import { existsSync } from "node:fs";

// src/runners/common.ts
import { spawn } from "node:child_process";
import { accessSync, appendFileSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join as join2, resolve } from "node:path";

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
        throw new UsageError(
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

// src/runners/common.ts
function findExecutable(name, path = process.env.PATH ?? "") {
  const candidates = name.includes("/") ? [resolve(name)] : path.split(delimiter).map((d) => join2(d || ".", name));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
    }
  }
  return void 0;
}
function requireExecutable(runner, name) {
  const found = findExecutable(name);
  if (!found) {
    const where = name.includes("/") ? `${name} is not an executable file` : `${name} not found on PATH`;
    throw new UsageError(`runner "${runner}": ${where}`);
  }
  return found;
}
function joinSetup(setup) {
  const list = (Array.isArray(setup) ? setup : setup === void 0 ? [] : [setup]).map((s) => s.trim());
  const nonEmpty = list.filter(Boolean);
  return nonEmpty.length ? nonEmpty.join(" && ") : void 0;
}
function withSetup(setup, task) {
  return setup ? `${setup} && {
${task}
}` : task;
}
function envStrings(env) {
  const out = {};
  for (const [k, v] of Object.entries(env ?? {})) out[k] = String(v);
  return out;
}
var TaskTempDirs = class {
  /** `option`: true for the system temp dir, or a parent directory. */
  constructor(option) {
    this.option = option;
  }
  option;
  dirs = /* @__PURE__ */ new Map();
  create(ctx) {
    const parent = typeof this.option === "string" ? resolve(this.option) : tmpdir();
    mkdirSync(parent, { recursive: true });
    const dir = mkdtempSync(join2(parent, `taskfarmer-${ctx.id}-`));
    this.dirs.set(key(ctx), dir);
    return dir;
  }
  release(ctx, ok) {
    const dir = this.dirs.get(key(ctx));
    if (!dir) return;
    this.dirs.delete(key(ctx));
    if (ok) {
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    try {
      appendFileSync(
        logPath(layout(ctx.workdir), ctx.id),
        `
taskfarmer: attempt ${ctx.attempt} did not succeed; its temporary directory is kept: ${dir}
`
      );
    } catch {
    }
  }
};
var key = (ctx) => `${ctx.id}:${ctx.attempt}`;
function runQuietly(file, args, then) {
  const child = spawn(file, args, { stdio: ["ignore", then ? "pipe" : "ignore", "ignore"], detached: true });
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (d) => out += d);
  child.on("error", () => {
  });
  child.on("close", (code) => {
    if (code === 0) then?.(out);
  });
}

// src/runners/shell.ts
function defaultShell() {
  return existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh";
}
function shellRunner(name = "default", cfg = {}) {
  const shell = cfg.shell ?? defaultShell();
  const setup = joinSetup(cfg.setup);
  const env = envStrings(cfg.env);
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : void 0;
  return {
    name,
    preflight: cfg.shell ? () => void requireExecutable(name, shell) : void 0,
    command(task, ctx) {
      const spec = { file: shell, args: ["-c", withSetup(setup, task)] };
      if (Object.keys(env).length) spec.env = env;
      if (temp) spec.cwd = temp.create(ctx);
      return spec;
    },
    after: temp ? (ctx, ok) => temp.release(ctx, ok) : void 0
  };
}

// src/runners/registry.ts
function resolveRunner(name, configured = {}) {
  if (configured[name]) return configured[name];
  if (name === "default" || name === "shell") return shellRunner();
  const known = [.../* @__PURE__ */ new Set(["default", ...Object.keys(configured)])].join(", ");
  throw new UsageError(`--runner: unknown runner "${name}" (known: ${known})`);
}
function unavailableRunner(name, reason) {
  return {
    name,
    preflight() {
      throw new UsageError(reason);
    },
    command() {
      throw new UsageError(reason);
    }
  };
}

// src/tasklist/handlers.ts
var listHandler = (line) => line;
var builtins = {
  default: listHandler,
  list: listHandler
};
var UNAVAILABLE = /* @__PURE__ */ Symbol("taskfarmer.unavailable");
function unavailableHandler(reason) {
  const handler = (() => {
    throw new UsageError(reason);
  });
  handler[UNAVAILABLE] = reason;
  return handler;
}
function resolveHandler(name, extra = {}) {
  const handler = extra[name] ?? builtins[name];
  const reason = handler?.[UNAVAILABLE];
  if (reason) throw new UsageError(reason);
  if (!handler) {
    const known = [.../* @__PURE__ */ new Set([...Object.keys(builtins), ...Object.keys(extra)])].join(", ");
    throw new UsageError(`--tasklist: unknown tasklist handler "${name}" (known: ${known})`);
  }
  return handler;
}

// src/config/files.ts
import { existsSync as existsSync2, readdirSync as readdirSync2, statSync as statSync2 } from "node:fs";
import { homedir } from "node:os";
import { join as join3, resolve as resolve2 } from "node:path";
var DEFAULT_CONFIG_NAMES = ["taskfarmer.yml", "taskfarmer.yaml"];
function configFiles(opts = {}) {
  const cwd = opts.cwd ?? process.cwd();
  const home = opts.home ?? homedir();
  const out = [];
  const listDir = (dir, exts) => {
    let names;
    try {
      names = readdirSync2(dir);
    } catch {
      return;
    }
    for (const n of names.filter((n2) => exts.some((e) => n2.endsWith(e))).sort()) {
      const path = join3(dir, n);
      if (statSync2(path, { throwIfNoEntry: false })?.isFile()) out.push({ path, explicit: false });
    }
  };
  for (const d of ["runners.d", "tasklists.d"]) listDir(join3(home, ".pytaskfarmer", d), [".ini"]);
  for (const d of ["runners.d", "tasklists.d"]) listDir(join3(home, ".taskfarmer", d), [".yaml", ".yml"]);
  if (opts.file !== void 0) {
    const path = resolve2(cwd, opts.file);
    if (!statSync2(path, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`--config: ${opts.file}: no such file`);
    }
    out.push({ path, explicit: true });
  } else {
    const path = DEFAULT_CONFIG_NAMES.map((n) => join3(cwd, n)).find((p) => existsSync2(p));
    if (path) out.push({ path, explicit: true });
  }
  return out;
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
  idsOfTaskLines,
  findExecutable,
  requireExecutable,
  joinSetup,
  withSetup,
  envStrings,
  TaskTempDirs,
  runQuietly,
  shellRunner,
  resolveRunner,
  unavailableRunner,
  listHandler,
  unavailableHandler,
  resolveHandler,
  configFiles
};
