import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-VRDWDH7S.js";

// src/runners/common.ts
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
function findExecutable(name, path = process.env.PATH ?? "") {
  const candidates = name.includes("/") ? [resolve(name)] : path.split(delimiter).map((d) => join(d || ".", name));
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
    const dir = mkdtempSync(join(parent, `taskfarmer-${ctx.id}-`));
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
      ctx.note?.(`
taskfarmer: attempt ${ctx.attempt} did not succeed; its temporary directory is kept: ${dir}
`);
    } catch {
    }
  }
};
var key = (ctx) => `${ctx.id}:${ctx.attempt}`;
function runQuietly(file, args, then) {
  void import("./execa-Q5Z2YUIB.js").then(async ({ execa }) => {
    const r = await execa(file, args, {
      stdin: "ignore",
      stdout: then ? "pipe" : "ignore",
      stderr: "ignore",
      detached: true,
      cleanup: false,
      reject: false
    });
    if (r.exitCode === 0) then?.(String(r.stdout ?? ""));
  });
}

// src/runners/apptainer.ts
function apptainerRunner(name, cfg) {
  const exe = cfg.executable ?? cfg.type;
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const prefix = cfg.type === "singularity" ? "SINGULARITYENV_" : "APPTAINERENV_";
  const env = {};
  for (const [k, v] of Object.entries(envStrings(cfg.env))) env[prefix + k] = v;
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : void 0;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
    },
    command(task, ctx) {
      const args = ["exec"];
      if (cfg.gpu) args.push("--nv");
      for (const b of cfg.binds ?? []) args.push("--bind", b);
      if (temp) {
        const dir = temp.create(ctx);
        args.push("--bind", dir, "--pwd", dir);
      }
      args.push(...cfg.args ?? [], cfg.image, "/bin/bash", "-c", withSetup(setup, task));
      const spec = { file, args };
      if (Object.keys(env).length) spec.env = env;
      return spec;
    },
    after: temp ? (ctx, ok) => temp.release(ctx, ok) : void 0
  };
}

// src/runners/podman.ts
import { randomBytes } from "node:crypto";
function podmanRunner(name, cfg) {
  const exe = cfg.executable ?? "podman-hpc";
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const env = envStrings(cfg.env);
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : void 0;
  const tag = `${process.pid}-${randomBytes(3).toString("hex")}`;
  const containerName = (ctx) => `taskfarmer-${tag}-${ctx.id}-${ctx.attempt}`;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
    },
    command(task, ctx) {
      const args = ["run", "--rm", "--name", containerName(ctx)];
      if (cfg.gpu) args.push("--gpu");
      for (const v of cfg.volumes ?? []) args.push("-v", v);
      if (temp) {
        const dir = temp.create(ctx);
        args.push("-v", `${dir}:${dir}`, "-w", dir);
      }
      for (const [k, v] of Object.entries(env)) args.push("-e", `${k}=${v}`);
      args.push("-e", "PROC_NUMBER", "-e", "TASKFARMER_*");
      args.push(...cfg.args ?? [], cfg.image, "/bin/bash", "-c", withSetup(setup, task));
      return { file, args };
    },
    after(ctx, ok) {
      temp?.release(ctx, ok);
      if (ok) return;
      runQuietly(file, ["rm", "-f", "--ignore", containerName(ctx)]);
    }
  };
}

// src/runners/shell.ts
import { existsSync } from "node:fs";
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

// src/runners/shifter.ts
function shifterRunner(name, cfg) {
  const exe = cfg.executable ?? "shifter";
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const env = { ...envStrings(cfg.env), BASH_ENV: "" };
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : void 0;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
    },
    command(task, ctx) {
      const args = ["--image", cfg.image];
      if (temp) args.push(`--workdir=${temp.create(ctx)}`);
      for (const v of cfg.volumes ?? []) args.push(`-V${v}`);
      for (const m of cfg.modules ?? []) args.push(`-m${m}`);
      args.push(...cfg.args ?? [], "--", "/bin/bash", "-c", withSetup(setup, task));
      return { file, args, env };
    },
    after: temp ? (ctx, ok) => temp.release(ctx, ok) : void 0
  };
}

// src/runners/srun.ts
import { randomBytes as randomBytes2 } from "node:crypto";
function srunRunner(name, cfg) {
  const exe = cfg.executable ?? "srun";
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const env = envStrings(cfg.env);
  const shell = cfg.shell ?? "/bin/bash";
  const tag = `${process.pid}-${randomBytes2(3).toString("hex")}`;
  const stepName = (ctx) => `taskfarmer-${tag}-${ctx.id}-${ctx.attempt}`;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
      if (!process.env.SLURM_JOB_ID) {
        throw new UsageError(
          `runner "${name}": srun runs tasks as steps of a Slurm allocation, but SLURM_JOB_ID is not set (run the farm inside salloc or sbatch)`
        );
      }
    },
    command(task, ctx) {
      const args = ["--exclusive", "-N1", "-n1", `--job-name=${stepName(ctx)}`, ...cfg.args ?? []];
      args.push(shell, "-c", withSetup(setup, task));
      const spec = { file, args };
      if (Object.keys(env).length) spec.env = env;
      return spec;
    },
    after(ctx, ok) {
      const job = process.env.SLURM_JOB_ID;
      const squeue = findExecutable("squeue");
      const scancel = findExecutable("scancel");
      if (ok || !job || !squeue || !scancel) return;
      const query = ["--noheader", "--steps", `--jobs=${job}`, "--format=%i %j"];
      const want = stepName(ctx);
      runQuietly(squeue, query, (out) => {
        const steps = out.split("\n").map((l) => l.trim().split(/\s+/)).filter(([id, n]) => /^\d+\.\d+$/.test(id) && n === want).map(([id]) => id);
        if (steps.length) runQuietly(scancel, steps);
      });
    }
  };
}

// src/runners/registry.ts
var FACTORIES = {
  shell: shellRunner,
  shifter: shifterRunner,
  "podman-hpc": podmanRunner,
  apptainer: apptainerRunner,
  singularity: apptainerRunner,
  srun: srunRunner
};
function buildRunner(name, cfg) {
  const make = FACTORIES[cfg.type];
  return make(name, cfg);
}
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

// src/config/farm.ts
function farmDefaults(c) {
  const out = {
    gpusPerWorker: c["gpus-per-worker"],
    gpus: Array.isArray(c.gpus) ? c.gpus.join(",") : c.gpus,
    cpusPerWorker: c["cpus-per-worker"],
    maxFailures: c["max-failures"],
    maxFailuresKill: c["max-failures-kill"],
    walltimeGuard: c["walltime-guard"]
  };
  for (const k of Object.keys(out)) if (out[k] === void 0) delete out[k];
  return out;
}
function withDefaults(defaults, options) {
  const out = { ...options };
  for (const [k, v] of Object.entries(defaults)) if (out[k] === void 0) out[k] = v;
  return out;
}

// src/config/files.ts
import { existsSync as existsSync2, readdirSync, statSync as statSync2 } from "node:fs";
import { homedir } from "node:os";
import { join as join2, resolve as resolve2 } from "node:path";
var DEFAULT_CONFIG_NAMES = ["taskfarmer.yml", "taskfarmer.yaml"];
function configFiles(opts = {}) {
  const cwd = opts.cwd ?? process.cwd();
  const home = opts.home ?? homedir();
  const out = [];
  const listDir = (dir, exts) => {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names.filter((n2) => exts.some((e) => n2.endsWith(e))).sort()) {
      const path = join2(dir, n);
      if (statSync2(path, { throwIfNoEntry: false })?.isFile()) out.push({ path, explicit: false });
    }
  };
  for (const d of ["runners.d", "tasklists.d"]) listDir(join2(home, ".pytaskfarmer", d), [".ini"]);
  for (const d of ["runners.d", "tasklists.d"]) listDir(join2(home, ".taskfarmer", d), [".yaml", ".yml"]);
  if (opts.file !== void 0) {
    const path = resolve2(cwd, opts.file);
    if (!statSync2(path, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`--config: ${opts.file}: no such file`);
    }
    out.push({ path, explicit: true });
  } else {
    const path = DEFAULT_CONFIG_NAMES.map((n) => join2(cwd, n)).find((p) => existsSync2(p));
    if (path) out.push({ path, explicit: true });
  }
  return out;
}

export {
  findExecutable,
  buildRunner,
  resolveRunner,
  unavailableRunner,
  listHandler,
  unavailableHandler,
  resolveHandler,
  farmDefaults,
  withDefaults,
  configFiles
};
