// Bundles the three entry points into dist/ with esbuild: the Action (dist/index.js) must run
// without node_modules, and the CLI starts faster from one file than from hundreds.
// Builds into a fresh folder and swaps it in, so tests running from dist/ never see half a build.
import { build } from 'esbuild';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';

const entries = {
  index: 'src/action/index.ts',
  cli: 'src/cli/main.ts',
  lib: 'src/index.ts',
};

// TASKFARMER_BUILD_OUTDIR=DIR builds into DIR and leaves dist/ alone (the test that dist/ is current).
const target = process.env.TASKFARMER_BUILD_OUTDIR;
const out = target || `dist.tmp-${process.pid}`;
await rm(out, { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  legalComments: 'none',
  // Module paths appear in the bundle's comments: keep them as seen from this folder even when
  // node_modules is a symlink (a scratch worktree), so the same sources always give the same dist/.
  preserveSymlinks: true,
  // @azure/storage-blob (under @actions/artifact) imports apache-arrow lazily for a listing
  // format the upload never uses; bundled, it would be 0.5 MB of dead chunk.
  external: ['apache-arrow'],
  // The task launcher is a Perl program kept as its own file (src/runners/launcher.pl), so that
  // `perl -c` and editors see it; it is bundled as a string.
  loader: { '.pl': 'text' },
  logLevel: 'warning',
  // Some CommonJS dependencies call require() on Node built-ins; an ESM bundle needs one.
  banner: {
    js: "import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);",
  },
});

// The CLI is the package's bin: it needs a shebang and the executable bit.
const cli = `${out}/cli.js`;
await writeFile(cli, '#!/usr/bin/env node\n' + (await readFile(cli, 'utf8')));
await chmod(cli, 0o755);

if (!target) {
  const old = `dist.old-${process.pid}`;
  await rename('dist', old).catch(() => {});
  await rename(out, 'dist');
  await rm(old, { recursive: true, force: true });
}
