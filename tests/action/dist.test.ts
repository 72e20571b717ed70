import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ROOT } from './helpers.js';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * What dist/ should be compared with: under CI (CI=true, a fresh clone) the committed dist/,
 * since `npm test` has rebuilt the working copy by then; elsewhere the working copy itself.
 */
function reference(): { label: string; files: string[]; read: (f: string) => string } {
  const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT }).status === 0;
  if (process.env.CI && inGit) {
    const files = execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD', 'dist'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.slice('dist/'.length))
      .sort();
    return {
      label: 'the committed dist/',
      files,
      read: (f) =>
        execFileSync('git', ['show', `HEAD:dist/${f}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }),
    };
  }
  const dist = join(ROOT, 'dist');
  return {
    label: 'dist/',
    files: existsSync(dist) ? listFiles(dist) : [],
    read: (f) => readFileSync(join(dist, f), 'utf8'),
  };
}

describe('dist/', () => {
  it('is the bundle of the current sources (run `npm run build` and commit dist/ when this fails)', () => {
    const out = join(tempDir('tf-dist-'), 'dist');
    execFileSync(process.execPath, ['scripts/build.mjs'], {
      cwd: ROOT,
      env: { ...process.env, TASKFARMER_BUILD_OUTDIR: out },
      stdio: 'pipe',
    });
    const ref = reference();
    const fresh = listFiles(out);
    expect(ref.files, `${ref.label} has other files than a fresh build`).toEqual(fresh);
    const stale = fresh.filter((f) => ref.read(f) !== readFileSync(join(out, f), 'utf8'));
    expect(stale, `${ref.label} differs from a fresh build in`).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });
});
