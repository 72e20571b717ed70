import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig,
  mapIni,
  parseIni,
  require_dist
} from "./chunk-CGMDF3CT.js";
import {
  UsageError
} from "./chunk-N6JARWRZ.js";
import {
  __toESM
} from "./chunk-CFRLDQD2.js";

// src/cli/config-command.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync } from "node:fs";
var SCHEMA_URL = "https://unpkg.com/taskfarmer/schemas/config.schema.json";
function runConfig(a, out) {
  if (a.action === "import") {
    out(importIni(a.file));
    return 0;
  }
  const cfg = loadConfig({ file: a.file });
  out(describeConfig(cfg));
  return 0;
}
function importIni(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`${file}: cannot read (${err.code ?? err.message})`);
  }
  const { sections, problems } = parseIni(text);
  const errors = problems.map((p) => `${file}:${p.line}: ${p.message}`);
  const doc = {};
  for (const d of mapIni(sections)) {
    if ("error" in d) errors.push(`${file}:${d.line}: ${d.error}`);
    else if (d.kind === "runner") (doc.runners ??= {})[d.name] = d.config;
    else (doc.tasklists ??= {})[d.name] = d.config;
  }
  if (errors.length) throw new UsageError(errors.join("\n"));
  if (!doc.runners && !doc.tasklists) {
    throw new UsageError(`${file}: no section defines a Runner or a TaskList (nothing to import)`);
  }
  return `# yaml-language-server: $schema=${SCHEMA_URL}
# Converted from ${file} by \`taskfarmer config import\`.
${(0, import_yaml.stringify)(doc)}`;
}
function describeConfig(cfg) {
  const lines = [];
  lines.push(
    cfg.sources.length ? `# Configuration OK, read from (later files override earlier ones):
${cfg.sources.map((s) => `#   ${s}`).join("\n")}` : "# No configuration files found (./taskfarmer.yml, ~/.taskfarmer/runners.d/*.yaml, ~/.taskfarmer/tasklists.d/*.yaml)."
  );
  lines.push('# Built in: runner "default" (bash -c); tasklist handlers "default" and "list" (one command per line).');
  const section = (title, defs, extra) => {
    const names = Object.keys(defs);
    if (!names.length) return;
    lines.push(`${title}:`);
    for (const name of names) {
      const d = defs[name];
      lines.push(`  # ${d.source}`);
      if (d.unavailable) {
        lines.push(`  # UNAVAILABLE: ${d.unavailable}`);
        continue;
      }
      lines.push(...extra(name).map((l) => `  # ${l}`));
      lines.push(indent((0, import_yaml.stringify)({ [name]: d.config }), "  "));
    }
  };
  section("runners", cfg.runnerDefinitions, (name) => runnerPreview(cfg.runners[name]));
  section("tasklists", cfg.handlerDefinitions, () => []);
  return lines.join("\n");
}
function runnerPreview(r) {
  const out = [];
  try {
    r.preflight?.();
  } catch (err) {
    out.push(`warning: ${err.message}`);
  }
  const ctx = { id: 0, attempt: 1, slot: 0, workdir: "/nonexistent" };
  try {
    const spec = r.command("echo hello", ctx);
    r.after?.(ctx, true);
    out.push(`runs "echo hello" as: ${[spec.file, ...spec.args].map(shellWord).join(" ")}`.replace(/\n/g, "\\n"));
  } catch (err) {
    out.push(`cannot build a command: ${err.message}`);
  }
  return out;
}
function shellWord(s) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
function indent(text, pad) {
  return text.trimEnd().split("\n").map((l) => pad + l).join("\n");
}
export {
  SCHEMA_URL,
  describeConfig,
  importIni,
  runConfig
};
