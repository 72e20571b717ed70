import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  debug,
  endGroup,
  error,
  getInput,
  info,
  isDebug,
  notice,
  setFailed,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunks/chunk-3SB3WXNW.js";
import {
  TaskLogs,
  attemptTail,
  buildReport,
  farm,
  formatDuration,
  howEnded,
  logWhere,
  parseDuration,
  renderMarkdownSummary
} from "./chunks/chunk-TIG66V6S.js";
import "./chunks/chunk-EDVIATQW.js";
import {
  idsOfTaskLines,
  isTaskLine,
  layout,
  writeFileAtomic
} from "./chunks/chunk-BHPX7USW.js";
import "./chunks/chunk-6XEX5UTC.js";
import {
  loadConfig,
  require__,
  require_dist
} from "./chunks/chunk-7QECC624.js";
import {
  resolveHandler,
  resolveRunner,
  withDefaults
} from "./chunks/chunk-4GSG2RMJ.js";
import "./chunks/chunk-D3XK7U5S.js";
import "./chunks/chunk-5UQ4L4UB.js";
import "./chunks/chunk-T4NJYJET.js";
import {
  UsageError,
  isUsageError,
  oneLine
} from "./chunks/chunk-VRDWDH7S.js";
import "./chunks/chunk-6H3QD4FL.js";
import {
  __toESM
} from "./chunks/chunk-CFRLDQD2.js";

// src/action/inputs.ts
var import__ = __toESM(require__(), 1);
import { createHash } from "node:crypto";
import { accessSync, constants, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join2, resolve } from "node:path";

// schemas/action-inputs.schema.json
var action_inputs_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://unpkg.com/taskfarmer/schemas/action-inputs.schema.json",
  title: "taskfarmer GitHub Action inputs",
  description: "The Action's inputs after conversion from the strings the runner passes: empty inputs are absent, numbers and booleans are converted, durations are in seconds. `x-expected` is the message shown when a value fails. See docs/action.md.",
  type: "object",
  additionalProperties: false,
  allOf: [
    {
      anyOf: [
        {
          required: ["tasklist"]
        },
        {
          required: ["tasks"]
        }
      ],
      "x-expected": "tasklist / tasks: set one of them (tasklist: the path of a tasklist file; tasks: the tasks inline, one per line)"
    },
    {
      not: {
        required: ["tasklist", "tasks"]
      },
      "x-expected": "tasklist / tasks: both are set; set only one of them"
    }
  ],
  properties: {
    tasklist: {
      description: "Path of the tasklist file, relative to the working directory.",
      type: "string",
      minLength: 1,
      "x-expected": "must be the path of a tasklist file"
    },
    tasks: {
      description: "The tasks inline, one per line.",
      type: "string",
      minLength: 1,
      "x-expected": "must be the tasks, one per line"
    },
    workers: {
      description: "Parallel workers: a whole number \u2265 1, or auto for the runner's CPUs.",
      anyOf: [
        {
          type: "integer",
          minimum: 1,
          maximum: 1e5
        },
        {
          const: "auto"
        }
      ],
      "x-expected": "must be a whole number from 1 to 100000, or auto (the runner's CPUs)"
    },
    runner: {
      description: "Runner name: default (bash -c), a built-in runner, or one from the config file.",
      $ref: "#/$defs/name",
      "x-expected": "must be a runner name (letters, digits, _ . -)"
    },
    timeout: {
      description: "Seconds after which the farmer stops and puts running tasks back; 0 = no limit.",
      type: "number",
      minimum: 0,
      "x-expected": "must be 0 (no limit) or a duration: seconds (3600) or with a unit (90s, 15m, 2h)"
    },
    "task-timeout": {
      description: "Seconds after which one task attempt is killed and counts as failed; 0 = no limit.",
      type: "number",
      minimum: 0,
      "x-expected": "must be 0 (no limit) or a duration: seconds (600) or with a unit (90s, 15m, 2h)"
    },
    retries: {
      description: "Extra attempts for a failing task.",
      type: "integer",
      minimum: 0,
      maximum: 1e3,
      "x-expected": "must be a whole number from 0 to 1000"
    },
    "gpus-per-worker": {
      description: "GPUs per worker slot.",
      type: "integer",
      minimum: 1,
      maximum: 1e5,
      "x-expected": "must be a whole number from 1 to 100000 (GPUs per worker)"
    },
    gpus: {
      description: "Comma-separated GPU ids to share out.",
      type: "string",
      pattern: "^[^,\\s]+(,[^,\\s]+)*$",
      "x-expected": "must be a comma-separated GPU list such as 0,1,2,3"
    },
    "cpus-per-worker": {
      description: "Cores per worker slot.",
      type: "integer",
      minimum: 1,
      maximum: 1e5,
      "x-expected": "must be a whole number from 1 to 100000 (cores per worker)"
    },
    "max-failures": {
      description: "Stop claiming after this many failed tasks.",
      type: "integer",
      minimum: 1,
      maximum: 1e5,
      "x-expected": "must be a whole number from 1 to 100000"
    },
    "max-failures-kill": {
      description: "With max-failures, also stop the running tasks.",
      type: "boolean",
      "x-expected": "must be true or false"
    },
    "walltime-guard": {
      description: "Do not start a task expected to outlive the timeout.",
      type: "boolean",
      "x-expected": "must be true or false"
    },
    workdir: {
      description: "Work directory.",
      type: "string",
      minLength: 1,
      "x-expected": "must be a directory path"
    },
    logs: {
      description: "Where task output goes: per-task (logs/log_ID), per-worker (framed, one file per worker slot), none (discarded). Empty: the config file's logs, else per-task.",
      enum: ["per-task", "per-worker", "none"],
      "x-expected": "must be per-task, per-worker or none"
    },
    "tasklist-handler": {
      description: "Tasklist handler name: default (one command per line), or one from the config file.",
      $ref: "#/$defs/name",
      "x-expected": "must be a tasklist handler name (letters, digits, _ . -)"
    },
    config: {
      description: "Path of a taskfarmer configuration file (YAML or PyTaskFarmer INI).",
      type: "string",
      minLength: 1,
      "x-expected": "must be the path of a configuration file"
    },
    "fail-on-task-failure": {
      description: "Fail the step when a task failed.",
      type: "boolean",
      "x-expected": "must be true or false"
    },
    "upload-artifacts": {
      description: "Upload the lists, report, timeline and logs as an artifact.",
      type: "boolean",
      "x-expected": "must be true or false"
    },
    "upload-logs": {
      description: "Which task logs the artifact holds besides the lists, report and timeline: failed, all or none.",
      enum: ["failed", "all", "none"],
      "x-expected": "must be failed, all or none"
    },
    "artifact-name": {
      description: "Name of the uploaded artifact.",
      type: "string",
      minLength: 1,
      maxLength: 200,
      pattern: '^[^":<>|*?\\\\/\\r\\n]+$',
      "x-expected": 'must be a name without " : < > | * ? \\ / or line breaks'
    }
  },
  $defs: {
    name: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
    }
  }
};

// src/action/config.ts
function loadActionConfig(file) {
  const { runners, handlers, farm: farm2, logs } = loadConfig({ file });
  return { runners, handlers, farm: farm2, logs };
}

// src/action/metadata.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function actionFile(from = dirname(fileURLToPath(import.meta.url))) {
  let dir = from;
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "action.yml");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`action.yml not found above ${from}: the action must be run from its repository`);
}
function declaredInputs(file = actionFile()) {
  const doc = (0, import_yaml.parse)(readFileSync(file, "utf8"));
  const out = /* @__PURE__ */ new Map();
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    out.set(name, {
      description: input.description ?? "",
      default: input.default === void 0 ? "" : String(input.default)
    });
  }
  return out;
}

// src/action/inputs.ts
var InputError = class extends UsageError {
  constructor(problems) {
    super(`invalid input${problems.length > 1 ? "s" : ""} (nothing was run):
  ${problems.join("\n  ")}`);
    this.problems = problems;
  }
  problems;
};
var KINDS = {
  workers: "workers",
  timeout: "duration",
  "task-timeout": "duration",
  retries: "int",
  "gpus-per-worker": "int",
  "cpus-per-worker": "int",
  "max-failures": "int",
  "max-failures-kill": "bool",
  "walltime-guard": "bool",
  "fail-on-task-failure": "bool",
  "upload-artifacts": "bool"
};
var TRUE = ["true", "True", "TRUE"];
var FALSE = ["false", "False", "FALSE"];
var properties = action_inputs_schema_default.properties;
var ajv = new import__.Ajv2020({ allErrors: true, verbose: true });
ajv.addKeyword({ keyword: "x-expected", schemaType: "string" });
var validate = ajv.compile(action_inputs_schema_default);
function convert(kind, text) {
  switch (kind) {
    case "int":
      return /^[+-]?\d+$/.test(text) ? Number(text) : text;
    case "workers":
      return text === "auto" ? text : convert("int", text);
    case "duration":
      return durationSeconds(text) ?? text;
    case "bool":
      return TRUE.includes(text) ? true : FALSE.includes(text) ? false : text;
    default:
      return text;
  }
}
function durationSeconds(text) {
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
  try {
    return parseDuration(text, "duration") / 1e3;
  } catch {
    return void 0;
  }
}
function readInputs(declared = declaredInputs()) {
  const raw = /* @__PURE__ */ new Map();
  for (const name of declared.keys()) raw.set(name, getInput(name));
  return parseInputs(raw, declared);
}
function parseInputs(raw, declared, env = process.env) {
  const given = /* @__PURE__ */ new Map();
  const values = {};
  for (const [name, input] of declared) {
    const text = raw.get(name) || input.default;
    if (text === "") continue;
    given.set(name, text);
    values[name] = convert(KINDS[name] ?? "text", text);
  }
  const problems = /* @__PURE__ */ new Map();
  if (!validate(values)) {
    for (const e of validate.errors ?? []) {
      const [key, message] = describe(e, given);
      if (message && !problems.has(key)) problems.set(key, message);
    }
  }
  const ok = (name) => values[name] !== void 0 && !problems.has(name);
  const str = (name) => values[name];
  if (ok("tasklist")) {
    const why = fileProblem(resolve(str("tasklist")));
    if (why) problems.set("tasklist", `tasklist: ${why}`);
  }
  let runners = {};
  let handlers = {};
  let defaults = {};
  let configLogs;
  let configOk = !problems.has("config");
  if (configOk) {
    const path = ok("config") ? resolve(str("config")) : void 0;
    try {
      const why = path && fileProblem(path);
      if (why) throw new UsageError(why);
      ({ runners, handlers, farm: defaults, logs: configLogs } = loadActionConfig(path));
    } catch (err) {
      configOk = false;
      const lines = (err instanceof Error ? err.message : String(err)).split("\n").filter(Boolean);
      problems.set("config", lines.map((l) => `config: ${l.replace(/^--[\w-]+:\s*/, "")}`).join("\n  "));
    }
  }
  if (ok("workdir")) {
    const dir = resolve(str("workdir"));
    if (isFile(dir)) problems.set("workdir", `workdir: ${dir} exists and is not a directory`);
  }
  if (ok("runner") && configOk) {
    try {
      resolveRunner(str("runner"), runners);
    } catch (err) {
      problems.set("runner", `runner: ${withoutFlag(err)}`);
    }
  }
  if (ok("tasklist-handler") && configOk) {
    try {
      resolveHandler(str("tasklist-handler"), handlers);
    } catch (err) {
      problems.set("tasklist-handler", `tasklist-handler: ${withoutFlag(err)}`);
    }
  }
  if (problems.size > 0) {
    const order = ["", ...declared.keys()];
    throw new InputError([...problems].sort((a, b) => rank(order, a[0]) - rank(order, b[0])).map(([, m]) => m));
  }
  const settings = settingsOf({ ...values, logs: values.logs ?? configLogs }, env, runners, handlers);
  return { ...settings, farm: withDefaults(defaults, settings.farm) };
}
function settingsOf(v, env, runners, handlers) {
  const inline = v.tasks;
  let tasklist;
  let workdir;
  if (inline === void 0) {
    tasklist = resolve(v.tasklist);
    workdir = resolve(v.workdir ?? `${tasklist}_workdir`);
  } else {
    workdir = resolve(v.workdir ?? defaultInlineWorkdir(env));
    const key = createHash("sha256").update(workdir).digest("hex").slice(0, 12);
    tasklist = join2(env.RUNNER_TEMP || tmpdir(), `taskfarmer-${key}.tasks`);
  }
  const seconds = (name) => {
    const s = v[name];
    return s ? s * 1e3 : void 0;
  };
  return {
    farm: {
      tasklist,
      workdir,
      workers: v.workers === "auto" || v.workers === void 0 ? void 0 : v.workers,
      timeout: seconds("timeout"),
      taskTimeout: seconds("task-timeout"),
      retries: v.retries ?? 0,
      runner: v.runner ?? "default",
      handler: v["tasklist-handler"] ?? "default",
      logs: v.logs,
      runners,
      handlers,
      gpusPerWorker: v["gpus-per-worker"],
      gpus: v.gpus,
      cpusPerWorker: v["cpus-per-worker"],
      maxFailures: v["max-failures"],
      maxFailuresKill: v["max-failures-kill"],
      walltimeGuard: v["walltime-guard"]
    },
    inlineTasks: inline === void 0 ? void 0 : inline + "\n",
    tasklistInput: inline === void 0 ? v.tasklist : void 0,
    failOnTaskFailure: v["fail-on-task-failure"] ?? true,
    uploadArtifacts: v["upload-artifacts"] ?? true,
    uploadLogs: v["upload-logs"] ?? "failed",
    artifactName: v["artifact-name"] ?? "taskfarmer"
  };
}
function defaultInlineWorkdir(env) {
  const step = (env.GITHUB_ACTION ?? "").replace(/[^A-Za-z0-9_.-]/g, "_");
  const name = step ? `taskfarmer_${step}_workdir` : "taskfarmer_workdir";
  return join2(env.GITHUB_WORKSPACE || process.cwd(), name);
}
function describe(e, given) {
  const name = e.instancePath.split("/")[1]?.replace(/~1/g, "/").replace(/~0/g, "~");
  if (name) {
    const expected2 = properties[name]?.["x-expected"] ?? `is invalid (${e.message})`;
    const got = name === "tasks" ? "" : ` (got "${given.get(name) ?? ""}")`;
    return [name, `${name}: ${expected2}${got}`];
  }
  const expected = e.parentSchema?.["x-expected"];
  return ["", expected];
}
function rank(order, key) {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}
function fileProblem(path) {
  try {
    if (statSync(path).isDirectory()) return `${path} is a directory, not a file`;
    accessSync(path, constants.R_OK);
    return void 0;
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") return `file ${path} does not exist`;
    if (code === "EACCES") return `file ${path} is not readable (permission denied)`;
    return `file ${path} cannot be read (${code ?? oneLine(err)})`;
  }
}
function isFile(path) {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}
function withoutFlag(err) {
  return oneLine(err).replace(/^--[\w-]+:\s*/, "");
}

// src/action/step.ts
import { mkdirSync, readFileSync as readFileSync4 } from "node:fs";
import { dirname as dirname2 } from "node:path";

// src/action/messages.ts
var FLAG_TO_INPUT = [
  [/--workdir\b/g, "workdir input"],
  [/--proc\b/g, "workers input"],
  [/--task-timeout\b/g, "task-timeout input"],
  [/--timeout\b/g, "timeout input"],
  [/--retries\b/g, "retries input"],
  [/--runner\b/g, "runner input"],
  [/--tasklist\b/g, "tasklist-handler input"],
  [/--config\b/g, "config input"]
];
function forAction(message, s) {
  let out = message;
  if (s.inlineTasks !== void 0) out = out.split(`tasklist ${s.farm.tasklist}`).join("the tasks input");
  for (const [flag, input] of FLAG_TO_INPUT) out = out.replace(flag, input);
  return out;
}

// src/action/annotations.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { isAbsolute, relative, resolve as resolve2 } from "node:path";

// src/action/progress.ts
import { randomUUID } from "node:crypto";
var shorten = (s, n) => s.length > n ? s.slice(0, n - 1) + "\u2026" : s;
var Progress = class {
  failures = [];
  /** Workers of this job's farmer, once it started. */
  workers = 0;
  intervalMs;
  maxGroups;
  maxWarnings;
  started = Date.now();
  timer;
  pending = 0;
  done = 0;
  failed = 0;
  running = 0;
  retried = 0;
  warnings = 0;
  debug = isDebug();
  constructor(o = {}) {
    const env = Number(process.env.TASKFARMER_PROGRESS_INTERVAL);
    this.intervalMs = o.intervalMs ?? (env > 0 ? env * 1e3 : 3e4);
    this.maxGroups = o.maxGroups ?? 50;
    this.maxWarnings = o.maxWarnings ?? 8;
  }
  onEvent = (e) => {
    switch (e.type) {
      case "started": {
        this.pending = e.pending;
        this.workers = e.workers;
        const before = e.finished + e.failed > 0 ? ` (${e.finished} finished and ${e.failed} failed before)` : "";
        info(`taskfarmer: ${e.pending} tasks to process in ${e.workdir} with ${e.workers} workers${before}`);
        this.timer = setInterval(() => info(this.line()), this.intervalMs);
        this.timer.unref();
        break;
      }
      case "task-start":
        this.running++;
        break;
      case "task-end":
        this.running = Math.max(0, this.running - 1);
        this.taskEnd(e);
        break;
      case "stopping":
        info(
          e.reason === "drain" ? "taskfarmer: draining: running tasks finish, no new ones start" : `taskfarmer: stopping (${e.reason}): running tasks go back to toprocess`
        );
        break;
      case "warning":
        if (++this.warnings <= this.maxWarnings) warning(e.message, { title: "taskfarmer" });
        else info(`taskfarmer: warning: ${e.message}`);
        break;
    }
  };
  /** Stops the progress timer and prints the last progress line. */
  end() {
    if (this.timer) clearInterval(this.timer);
    this.timer = void 0;
    info(this.line());
  }
  /** This job's progress; in a shared workdir other jobs take tasks too, so "left" is what it found. */
  line() {
    const elapsed = formatDuration(Date.now() - this.started);
    const retried = this.retried ? `, ${this.retried} retried` : "";
    return `taskfarmer [${elapsed}]: ${this.done + this.failed} of ${this.pending} tasks done by this job (${this.done} finished, ${this.failed} failed${retried}), ${this.running} running`;
  }
  taskEnd(e) {
    switch (e.outcome) {
      case "done":
        this.done++;
        if (this.debug)
          this.group(`task ${e.id} finished in ${formatDuration(e.durationMs)}: ${shorten(e.task, 100)}`, e);
        break;
      case "failed": {
        this.failed++;
        const f = { ...e };
        this.failures.push(f);
        const title = `\u2717 task ${e.id} failed (${howEnded({ code: e.rc, signal: e.signal, timedOut: e.timedOut })}) after ${formatDuration(e.durationMs)}, attempt ${e.attempt}: ${shorten(e.task, 100)}`;
        if (this.failed <= this.maxGroups) this.group(title, e);
        else info(`${title} \u2014 ${logWhere(e)}`);
        break;
      }
      case "retry":
        this.retried++;
        info(
          `task ${e.id} attempt ${e.attempt} failed (${howEnded({ code: e.rc, signal: e.signal, timedOut: e.timedOut })}); it will be retried`
        );
        break;
      case "fenced":
        info(`task ${e.id}: this job's claim had been taken back (presumed dead); another job owns it now`);
        break;
      case "stopped":
        break;
    }
  }
  group(title, e) {
    const tail = attemptTail(e, 40, 8192);
    startGroup(title);
    if (tail.truncated) info(`\u2026 (last lines; ${logWhere(e)})`);
    const token = `taskfarmer-${randomUUID()}`;
    info(`::stop-commands::${token}`);
    info(tail.text || (e.log ? "(empty log)" : "(no log kept: logs is none)"));
    info(`::${token}::`);
    endGroup();
  }
};

// src/action/annotations.ts
function annotateFailures(failures, o) {
  if (failures.length === 0 || o.budget <= 0) return;
  const fits = failures.length <= o.budget;
  const shown = fits ? failures : failures.slice(0, o.budget - 1);
  const where = taskLines(
    o,
    shown.map((f) => f.id)
  );
  for (const f of shown) {
    const tail = attemptTail(f, 5, 1024).text;
    error(`${shorten(f.task, 300)}${tail ? `
${tail}` : ""}
${logWhere(f)}`, {
      title: `task ${f.id} failed (${howEnded({ code: f.rc, signal: f.signal, timedOut: f.timedOut })}) after ${formatDuration(f.durationMs)}`,
      ...where.get(f.id)
    });
  }
  if (!fits) {
    const more = failures.length - shown.length;
    error(`${more} more task(s) failed: see the job summary, and ${o.failedList} for the full list.`, {
      title: `${failures.length} tasks failed`
    });
  }
}
function taskLines(o, ids) {
  const out = /* @__PURE__ */ new Map();
  if (!o.tasklist || !o.workspace || ids.length === 0) return out;
  const file = relative(o.workspace, resolve2(o.tasklist));
  if (file.startsWith("..") || isAbsolute(file)) return out;
  let text;
  try {
    text = readFileSync2(o.tasklist, "utf8");
  } catch {
    return out;
  }
  const wanted = new Set(ids);
  const last = Math.max(...ids);
  let id = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && id <= last; i++) {
    if (!isTaskLine(lines[i])) continue;
    if (wanted.has(id)) out.set(id, { file, startLine: i + 1 });
    id++;
  }
  return out;
}

// src/action/artifact-files.ts
import { existsSync as existsSync2, readdirSync, readFileSync as readFileSync3, statSync as statSync2 } from "node:fs";
import { join as join3 } from "node:path";
var DEFAULT_CAPS = { maxLogs: 1e3, maxLogBytes: 100 * 1024 * 1024 };
function selectArtifactFiles(files, logs, caps = DEFAULT_CAPS) {
  const out = [files.finished, files.failed, files.report, files.timeline].filter((f) => existsSync2(f));
  const leftOut = { files: 0, bytes: 0 };
  if (logs === "none") return { files: out, leftOut };
  const failed = existsSync2(files.failed) ? idsOfTaskLines(readFileSync3(files.failed, "utf8")) : [];
  const holding = /* @__PURE__ */ new Set();
  for (const outputs of new TaskLogs(files.workdir).find(failed).values()) for (const o of outputs) holding.add(o.file);
  let wanted = [...holding];
  if (logs === "all") {
    const seen = new Set(wanted);
    let names = [];
    try {
      names = readdirSync(files.logs);
    } catch {
    }
    const rest = names.map((n) => ({ n, id: n.startsWith("log_") ? Number(n.slice(4)) : Infinity })).sort((a, b) => a.id - b.id || a.n.localeCompare(b.n)).map(({ n }) => join3(files.logs, n)).filter((p) => !seen.has(p));
    wanted = wanted.concat(rest);
  }
  let bytes = 0;
  let taken = 0;
  for (const p of wanted) {
    let size;
    try {
      size = statSync2(p).size;
    } catch {
      continue;
    }
    if (taken < caps.maxLogs && bytes + size <= caps.maxLogBytes) {
      out.push(p);
      taken++;
      bytes += size;
    } else {
      leftOut.files++;
      leftOut.bytes += size;
    }
  }
  return { files: out, leftOut };
}

// src/action/artifacts.ts
function artifactServiceProblem(env = process.env) {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    return "this runtime has no artifact service (no ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL)";
  }
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 22) return `uploading needs Node 22 or later (this is Node ${process.versions.node})`;
  return void 0;
}
function artifactUrl(id, env = process.env) {
  if (id === void 0 || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`;
}
async function uploadResults(name, files, logs, caps = DEFAULT_CAPS) {
  const problem = artifactServiceProblem();
  if (problem) return { kind: "unavailable", reason: problem };
  const { files: list, leftOut } = selectArtifactFiles(files, logs, caps);
  try {
    const { DefaultArtifactClient } = await import("./chunks/artifact-4C5Q7NM5.js");
    const res = await new DefaultArtifactClient().uploadArtifact(name, list, files.workdir, {});
    const url = artifactUrl(res.id);
    return { kind: "uploaded", name, id: res.id, size: res.size, url, files: list.length, logs, leftOut };
  } catch (err) {
    const error2 = oneLine(err);
    const hint = /\(409\)|already exists/i.test(error2) ? " (artifact names must be unique in a workflow run; in a matrix set e.g. artifact-name: taskfarmer-${{ strategy.job-index }})" : "";
    return { kind: "failed", error: error2 + hint };
  }
}
var LOGS = {
  failed: "the failed tasks' logs",
  all: "the logs",
  none: "no logs"
};
var mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
function reportUpload(outcome, files, caps = DEFAULT_CAPS) {
  const where = `the files stay in ${files.workdir} (finished, failed, report.json, timeline.json, logs/); upload them with actions/upload-artifact if you need them`;
  switch (outcome.kind) {
    case "uploaded": {
      if (outcome.id !== void 0) setOutput("artifact-id", outcome.id);
      if (outcome.url) setOutput("artifact-url", outcome.url);
      const size = outcome.size === void 0 ? "" : `, ${(outcome.size / 1024).toFixed(1)} KiB`;
      info(
        `taskfarmer: uploaded artifact ${outcome.name} (${outcome.files} files${size})` + (outcome.url ? `: ${outcome.url}` : "")
      );
      let cut = "";
      if (outcome.leftOut.files > 0) {
        cut = `${outcome.leftOut.files} log(s) (${mib(outcome.leftOut.bytes)}) were left out: an artifact holds at most ${caps.maxLogs} logs and ${mib(caps.maxLogBytes)} of logs; they stay in ${files.logs}`;
        notice(`Artifact ${outcome.name}: ${cut}.`, { title: "taskfarmer" });
      }
      const name = outcome.url ? `[\`${outcome.name}\`](${outcome.url})` : `\`${outcome.name}\``;
      return `Artifact ${name} (${outcome.files} files): finished, failed, report.json, timeline.json and ${LOGS[outcome.logs]}${cut ? `; ${cut}` : ""}.`;
    }
    case "unavailable":
      notice(`Artifacts not uploaded: ${outcome.reason}; ${where}.`, { title: "taskfarmer" });
      return `Artifacts not uploaded: ${outcome.reason}.`;
    case "failed":
      warning(`Artifact upload failed: ${outcome.error}; ${where}.`, { title: "taskfarmer" });
      return `Artifact upload failed: ${outcome.error}.`;
  }
}

// src/action/outputs.ts
import { join as join4 } from "node:path";
function resultFiles(workdir) {
  const l = layout(workdir);
  return {
    workdir: l.dir,
    finished: l.finished,
    failed: l.failed,
    timeline: l.timeline,
    logs: l.logs,
    report: join4(l.dir, "report.json")
  };
}
function setResultOutputs(result, files) {
  setOutput("total", result.total);
  setOutput("finished", result.finished);
  setOutput("failed", result.failed);
  setOutput("remaining", result.remaining);
  setOutput("status", result.status);
  setOutput("workdir", files.workdir);
  setOutput("finished-list", files.finished);
  setOutput("failed-list", files.failed);
  setOutput("timeline", files.timeline);
}
function writeReport(report, files) {
  writeFileAtomic(files.report, JSON.stringify(report) + "\n");
  setOutput("report", files.report);
}

// src/action/task-env.ts
function taskEnvironment(env = process.env) {
  const out = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.toUpperCase().startsWith("ACTIONS_")) out[name] = value;
  }
  return out;
}

// src/action/summary.ts
import { hostname } from "node:os";
var REPORT_BYTES = 512 * 1024;
var hasSummary = () => Boolean(process.env.GITHUB_STEP_SUMMARY);
function summaryMarkdown(result, report, files, workers) {
  const parts = [];
  if (report) {
    parts.push(renderMarkdownSummary(report, { title: "taskfarmer", maxBytes: REPORT_BYTES }));
  } else {
    parts.push(
      "## taskfarmer\n",
      `**${result.finished}** finished, **${result.failed}** failed, **${result.remaining}** not done of ${result.total} tasks.
`
    );
  }
  parts.push("### This job\n");
  if (result.status === "incomplete") {
    const why = result.error ? `the workdir could not be written (${result.error})` : result.stopReason === "timeout" ? "the `timeout` input ran out" : result.stopReason?.startsWith("signal:") ? `${result.stopReason.slice(7)} (the job was cancelled or timed out)` : result.stopReason ?? "stopped";
    parts.push(
      `\u23F8\uFE0F Stopped early: ${why}. **${result.remaining}** task(s) are back in \`toprocess\`; re-run the workflow (same workdir) to continue where this run stopped.
`
    );
  }
  const r = result.ran;
  parts.push(
    `On \`${hostname()}\` with ${workers} workers for ${formatDuration(result.durationMs)}, this job ran ${r.done} task(s) to the end, ${r.failed} failed` + (r.retried ? `, ${r.retried} failed attempt(s) retried` : "") + (r.stopped ? `, ${r.stopped} stopped and put back` : "") + ".\n",
    `Workdir \`${files.workdir}\`; report \`${files.report}\`; timeline \`${files.timeline}\` (open it in Perfetto).
`
  );
  return parts.join("\n");
}
async function appendSummary(markdown) {
  if (!hasSummary()) return;
  await summary.addRaw(markdown, true).write();
}

// src/action/step.ts
var ERROR_ANNOTATIONS = 10;
async function runStep(s, cancel) {
  if (s.inlineTasks !== void 0) writeInlineTasklist(s.farm.tasklist, s.inlineTasks);
  if (cancel.signal) {
    setFailed(`cancelled (${cancel.signal}) before any task started`);
    return;
  }
  const progress = new Progress();
  const farmOptions = { ...s.farm, taskEnv: taskEnvironment(), onEvent: progress.onEvent, handleSignals: true };
  const result = await farm(farmOptions).catch((err) => {
    throw isUsageError(err) ? new UsageError(forAction(err.message, s)) : err;
  });
  progress.end();
  if (result.total === 0) {
    const input = s.inlineTasks !== void 0 ? "tasks" : "tasklist";
    warning(`${input}: no task to run (only blank lines and # comments): nothing to do`, {
      title: "taskfarmer"
    });
  }
  const files = resultFiles(result.workdir);
  setResultOutputs(result, files);
  let report;
  try {
    report = buildReport(result.workdir);
    writeReport(report, files);
  } catch (err) {
    warning(`could not write the report: ${oneLine(err)}`, { title: "taskfarmer" });
  }
  await appendSummary(summaryMarkdown(result, report, files, progress.workers));
  const failure = conclusion(result, s);
  annotateFailures(progress.failures, {
    budget: failure ? ERROR_ANNOTATIONS - 1 : ERROR_ANNOTATIONS,
    tasklist: s.tasklistInput,
    workspace: process.env.GITHUB_WORKSPACE,
    failedList: files.failed
  });
  if (failure) setFailed(failure);
  else if (result.failed > 0) {
    warning(`${result.failed} of ${result.total} tasks failed (fail-on-task-failure is false)`, {
      title: "taskfarmer"
    });
  } else info(`taskfarmer: all ${result.total} tasks finished`);
  if (!s.uploadArtifacts) return;
  const stopped = cancel.signal ?? (result.stopReason?.startsWith("signal:") ? result.stopReason.slice(7) : void 0);
  if (stopped) {
    notice(`Artifacts not uploaded: the job was cancelled (${stopped}); the files stay in ${files.workdir}.`, {
      title: "taskfarmer"
    });
    return;
  }
  cancel.uploading = true;
  const outcome = await uploadResults(s.artifactName, files, s.uploadLogs);
  cancel.uploading = false;
  await appendSummary(reportUpload(outcome, files) + "\n");
}
function conclusion(r, s) {
  const failed = r.failed > 0 ? `; ${r.failed} failed` : "";
  if (r.status === "incomplete") {
    const again = `${r.remaining} of ${r.total} tasks are left in toprocess${failed} \u2014 re-run the workflow to continue`;
    if (r.error) return `the workdir could not be written (${r.error}): ${again}`;
    if (r.stopReason === "timeout") {
      return `stopped by the timeout input after ${formatDuration(s.farm.timeout ?? 0)}: ${again}`;
    }
    if (r.stopReason?.startsWith("signal:")) return `cancelled (${r.stopReason.slice(7)}): ${again}`;
    if (r.note)
      return `${r.note} \u2014 ${r.stopReason === "walltime" ? "re-run the workflow to continue" : "look at the failures, then re-run"}`;
    return `stopped early (${r.stopReason ?? "unknown reason"}): ${again}`;
  }
  if (r.status === "failed" && s.failOnTaskFailure) {
    return `${r.failed} of ${r.total} tasks failed (see the job summary; the list is in ${resultFiles(r.workdir).failed})`;
  }
  return void 0;
}
function writeInlineTasklist(path, text) {
  try {
    if (readFileSync4(path, "utf8") === text) return;
  } catch {
  }
  mkdirSync(dirname2(path), { recursive: true });
  writeFileAtomic(path, text);
}

// src/action/main.ts
var STOP_SIGNALS = ["SIGINT", "SIGTERM"];
async function run() {
  const cancel = watchCancellation();
  try {
    await runStep(readInputs(), cancel);
  } catch (err) {
    if (isUsageError(err)) setFailed(err.message);
    else {
      setFailed(`internal error: ${oneLine(err)}`);
      if (err instanceof Error && err.stack) debug(err.stack);
    }
  } finally {
    cancel.dispose();
  }
}
function watchCancellation() {
  const state = {
    signal: void 0,
    uploading: false,
    dispose: () => {
      for (const sig of STOP_SIGNALS) process.off(sig, onSignal);
    }
  };
  const onSignal = (sig) => {
    state.signal ??= sig;
    if (state.uploading) {
      warning(`cancelled (${sig}) during the artifact upload; the results stay in the workdir`);
      process.exit(process.exitCode ?? 1);
    }
  };
  for (const sig of STOP_SIGNALS) process.on(sig, onSignal);
  return state;
}

// src/action/index.ts
void run();
