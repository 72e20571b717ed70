// Bundles the three entry points into dist/ with esbuild: the Action (dist/index.js) must run
// without node_modules, and the CLI starts faster from one file than from hundreds.
import { build } from 'esbuild';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';

const entries = {
  index: 'src/action/main.ts',
  cli: 'src/cli/main.ts',
  lib: 'src/index.ts',
};

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some CommonJS dependencies call require() on Node built-ins; an ESM bundle needs one.
  banner: {
    js: "import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);",
  },
});

// The CLI is the package's bin: it needs a shebang and the executable bit.
const cli = 'dist/cli.js';
await writeFile(cli, '#!/usr/bin/env node\n' + (await readFile(cli, 'utf8')));
await chmod(cli, 0o755);
