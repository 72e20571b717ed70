import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../action/helpers.js';
import { tempDir } from '../helpers/cli.js';

const CHECK = join(ROOT, '.ci', 'check-clean');

describe('.ci/check-clean (run by .ci/run after the tests)', () => {
  const repo = () => {
    const dir = tempDir('tf-ci-');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(dir, '.gitignore'), '*_workdir/\n');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    return dir;
  };
  const check = (cwd: string) => spawnSync('bash', [CHECK], { cwd, encoding: 'utf8' });

  it('passes on a clean tree, ignored files aside', () => {
    const dir = repo();
    execFileSync('mkdir', ['-p', join(dir, 'x_workdir')]);
    writeFileSync(join(dir, 'x_workdir', 'finished'), '');
    expect(check(dir).status).toBe(0);
  });

  it('fails on an untracked file, naming it', () => {
    const dir = repo();
    writeFileSync(join(dir, '2'), 'bash: cd: nope\n');
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\?\? 2$/m);
  });

  it('fails on a changed tracked file', () => {
    const dir = repo();
    writeFileSync(join(dir, 'a.txt'), 'changed\n');
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ M a\.txt$/m);
  });
});
