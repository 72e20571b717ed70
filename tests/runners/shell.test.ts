import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';

function setup(config: string, tasks: string[]) {
  const dir = tempDir('tf-shell-');
  writeFileSync(join(dir, 'taskfarmer.yml'), config);
  const tasklist = writeTasks(dir, tasks);
  const wd = `${tasklist}_workdir`;
  return { dir, tasklist, wd, log: (id: number) => readFileSync(join(wd, 'logs', `log_${id}`), 'utf8') };
}

describe('configured shell runners', () => {
  it('setup runs before each task in the same shell; env is set; a failed setup fails the whole task', async () => {
    const t = setup(
      `runners:
  env:
    type: shell
    setup: ["export GREETING=hello", "cd /"]
    env: {COLOR: blue, N: 3, FLAG: true}
  broken:
    type: shell
    setup: "false"
`,
      ['echo "$GREETING $COLOR $N $FLAG $PROC_NUMBER $(pwd)"; echo second', 'echo a; echo b # a trailing comment'],
    );
    const r = await runCli([t.tasklist, '-r', 'env'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(t.log(0)).toBe('hello blue 3 true 0 /\nsecond\n');
    expect(t.log(1)).toBe('a\nb\n');

    // `setup && a; b` would run b (and succeed) after a failed setup; the task is braced, so it does not.
    const r2 = await runCli([t.tasklist, '-r', 'broken', '-w', join(t.dir, 'wd2')], { cwd: t.dir });
    expect(r2.code).toBe(1);
    expect(ids(join(t.dir, 'wd2', 'failed')).sort()).toEqual([0, 1]);
    expect(readFileSync(join(t.dir, 'wd2', 'logs', 'log_0'), 'utf8')).toBe('');
  });

  it('shell: another shell runs the task', async () => {
    const t = setup('runners:\n  sh:\n    type: shell\n    shell: /bin/sh\n', ['echo "$0"']);
    const r = await runCli([t.tasklist, '-r', 'sh'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(t.log(0)).toBe('/bin/sh\n');
  });

  it('tempdir: a new directory per task under the given parent, removed after success, kept and named after failure', async () => {
    const parent = join(tempDir('tf-tmp-'), 'scratch');
    const t = setup(`runners:\n  tmp:\n    type: shell\n    tempdir: ${parent}\n`, [
      'pwd; touch made-here',
      'pwd; touch made-here; exit 4',
    ]);
    const r = await runCli([t.tasklist, '-r', 'tmp', '-n', '2'], { cwd: t.dir });
    expect(r.code).toBe(1);
    const ok = t.log(0).trim();
    const kept = t.log(1).split('\n')[0];
    expect(ok.startsWith(`${parent}/taskfarmer-0-`)).toBe(true);
    expect(existsSync(ok)).toBe(false);
    expect(kept.startsWith(`${parent}/taskfarmer-1-`)).toBe(true);
    expect(existsSync(join(kept, 'made-here'))).toBe(true);
    expect(t.log(1)).toBe(
      `${kept}\n\ntaskfarmer: attempt 1 did not succeed; its temporary directory is kept: ${kept}\n`,
    );
  });

  it('a configured runner may take the name "default"', async () => {
    const t = setup('runners:\n  default:\n    type: shell\n    env: {WHO: configured}\n', ['echo $WHO']);
    const r = await runCli([t.tasklist], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(t.log(0)).toBe('configured\n');
  });
});
