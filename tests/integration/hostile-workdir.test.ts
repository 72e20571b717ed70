import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';

/** Runs a shell command as another user (nobody), as a co-user of a shared workdir would. */
function asNobody(script: string): void {
  execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', script]);
}

const canSetpriv =
  process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', 'true']).status === 0
    ? undefined
    : 'needs root and setpriv (util-linux) to act as another user';
if (canSetpriv) console.warn(`skipping the co-user tests: ${canSetpriv}`);

/** A workdir at rest that everyone may write (chmod -R a+rwX), its tasklist, and a marker path. */
async function sharedWorkdir(tasks: string[]) {
  const dir = tempDir();
  chmodSync(dir, 0o755);
  const tasklist = writeTasks(dir, tasks);
  const wd = join(dir, 'wd');
  const r = await runCli([tasklist, '-w', wd]);
  expect(r.code).toBe(0);
  execFileSync('chmod', ['-R', 'a+rwX', wd]);
  const marker = join(tempDir('tf-pwned-'), 'PWNED');
  chmodSync(join(marker, '..'), 0o755);
  return { dir, tasklist, wd, marker };
}

describe.skipIf(canSetpriv)('only the tasklist’s commands run, whatever another user writes in the workdir', () => {
  it('a command planted in toprocess by another user is refused: exit 2, nothing run', async () => {
    const { tasklist, wd, marker } = await sharedWorkdir(['echo a', 'echo b']);
    asNobody(`printf '0 echo a\\n1 touch ${marker}\\n' > ${wd}/toprocess`);
    const r = await runCli([tasklist, '-w', wd]);
    expect(existsSync(marker)).toBe(false);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    // One warning that others can write the workdir, one line saying what was refused.
    expect(lines.filter((l) => /can be changed by other users/.test(l))).toHaveLength(1);
    expect(lines[lines.length - 1]).toMatch(
      /^taskfarmer: .*toprocess:2 gives task 1 the command "touch .*PWNED", but tasklist .* says "echo b"; refusing to run anything/,
    );
    expect(ids(join(wd, 'finished')).sort()).toEqual([0, 1]);
  });

  it('an id the tasklist does not have, planted in toprocess, is refused', async () => {
    const { tasklist, wd, marker } = await sharedWorkdir(['echo a']);
    asNobody(`printf '7 touch ${marker}\\n' > ${wd}/toprocess`);
    const r = await runCli([tasklist, '-w', wd]);
    expect(existsSync(marker)).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/toprocess:1 names task 7, which tasklist .* does not have \(1 tasks\)/);
  });

  it('an `add` record planted in a journal is refused at start: exit 2, nothing run', async () => {
    const { tasklist, wd, marker } = await sharedWorkdir(['echo a']);
    const journal = join(wd, '.taskfarmer', 'journal', 'evil-1-x.jsonl');
    asNobody(
      `printf '%s\\n' '{"t":"add","id":0,"task":"touch ${marker}"}' '{"t":"add","id":5,"task":"touch ${marker}"}' > ${journal}`,
    );
    const r = await runCli([tasklist, '-w', wd]);
    expect(existsSync(marker)).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /a journal in .*journal gives task 0 the command "touch .*PWNED", but tasklist .* says "echo a"/,
    );
  });

  it('an `add` record written while the farmer runs is refused before it runs (exit 2)', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const marker = join(tempDir('tf-pwned-'), 'PWNED');
    chmodSync(join(marker, '..'), 0o755);
    const wd = join(dir, 'wd');
    mkdirSync(join(wd, '.taskfarmer', 'journal'), { recursive: true, mode: 0o777 });
    chmodSync(join(wd, '.taskfarmer', 'journal'), 0o777);
    // Task 0 lets the co-user in while the farmer runs: a journal claiming a task 2.
    const evil = join(wd, '.taskfarmer', 'journal', 'evil-1-x.jsonl');
    const record = `{"t":"add","id":2,"task":"touch ${marker}"}`;
    writeFileSync(join(dir, 'evil.sh'), `printf '%s\\n' '${record}' > ${evil}\n`);
    const tasklist = writeTasks(dir, [
      `setpriv --reuid=65534 --regid=65534 --clear-groups sh ${join(dir, 'evil.sh')}`,
      'echo b',
    ]);
    const r = await runCli([tasklist, '-w', wd, '-n', '1']);
    expect(existsSync(marker)).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /a journal in .* names task 2, which tasklist .* does not have \(2 tasks\); refusing to run it/,
    );
    // Nothing is lost: what was not run is back in toprocess, with the tasklist's command.
    expect(readdirSync(join(wd, 'logs'))).not.toContain('log_2');
  });
});
