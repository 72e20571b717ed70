import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';
import { snapshot } from '../helpers/snapshot.js';

async function expectUsageError(args: string[], pattern: RegExp) {
  const r = await runCli(args);
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^taskfarmer: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  return r;
}

describe('bad input: one line, exit 2, nothing changed', () => {
  const dir = tempDir();
  const tasklist = writeTasks(dir, ['echo a', 'echo b']);
  const wd = join(dir, 'wd');

  const cases: Array<[string, string[], RegExp]> = [
    ['a missing tasklist', [join(dir, 'nope.txt'), '-w', wd], /tasklist .*nope\.txt does not exist/],
    ['a directory as tasklist', [dir, '-w', wd], /is a directory/],
    ['-n 0', [tasklist, '-n', '0', '-w', wd], /--proc must be a positive integer \(got "0"\)/],
    ['-n abc', [tasklist, '-n', 'abc', '-w', wd], /--proc must be a positive integer \(got "abc"\)/],
    ['-n -3', [tasklist, '-n', '-3', '-w', wd], /--proc/],
    ['a negative --timeout', [tasklist, '--timeout', '-5', '-w', wd], /--timeout must be a positive duration/],
    ['a malformed --timeout', [tasklist, '--timeout', '5x', '-w', wd], /--timeout must be a positive duration .*"5x"/],
    ['a malformed --task-timeout', [tasklist, '--task-timeout', 'soon', '-w', wd], /--task-timeout/],
    ['a malformed --retries', [tasklist, '--retries', 'many', '-w', wd], /--retries/],
    ['an unknown runner', [tasklist, '-r', 'docker', '-w', wd], /unknown runner "docker"/],
    ['an unknown tasklist handler', [tasklist, '-t', 'magic', '-w', wd], /unknown tasklist handler "magic"/],
    ['an unknown flag', [tasklist, '--frobnicate', '-w', wd], /unknown option '--frobnicate'/],
    ['no tasklist at all', [], /missing|tasklist/],
    // mkdir under /proc fails with ENOENT although the parent exists: Node's recursive mkdir spun forever.
    ['a workdir under /proc', [tasklist, '-w', '/proc/tf-x/wd'], /workdir \/proc\/tf-x\/wd cannot be created/],
    ['a workdir under /sys', [tasklist, '-w', '/sys/tf-x'], /workdir \/sys\/tf-x cannot be created/],
  ];
  for (const [what, args, pattern] of cases) {
    it(`${what}`, async () => {
      await expectUsageError(args, pattern);
      expect(existsSync(wd)).toBe(false);
    });
  }

  it('a workdir that is a file', async () => {
    const file = join(dir, 'afile');
    writeFileSync(file, 'keep me\n');
    await expectUsageError([tasklist, '-w', file], /workdir .*afile exists and is not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('a workdir that is not writable (run as an unprivileged user)', () => {
    const ro = join(tempDir(), 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    chmodSync(dir, 0o755);
    // The checkout may be private (mode 0700, e.g. under /root): run a copy of the CLI that
    // the unprivileged user can read.
    const copy = tempDir('tf-cli-copy-');
    cpSync(dirname(CLI), join(copy, 'dist'), { recursive: true });
    chmodSync(copy, 0o755);
    const asNobody = (args: string[]) =>
      spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], {
        encoding: 'utf8',
      });
    const probe = asNobody(['--version']);
    if (probe.error || probe.status !== 0) {
      console.log(
        `skipped: cannot run ${process.execPath} as uid 65534 (${probe.error?.message ?? probe.stderr.trim()})`,
      );
      return;
    }
    const r = asNobody([join(copy, 'dist', 'cli.js'), tasklist, '-w', join(ro, 'wd')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not writable/);
    expect(readdirSync(ro)).toEqual([]);
  });

  it('a tasklist edited after the workdir was created; appended lines become new tasks', async () => {
    const d = tempDir();
    const list = writeTasks(d, ['echo one', 'echo two']);
    const w = join(d, 'wd');
    expect((await runCli([list, '-w', w, '-q'])).code).toBe(0);

    writeFileSync(list, 'echo one\necho TWO\n');
    const before = snapshot(w);
    await expectUsageError([list, '-w', w], /tasklist .* changed since workdir .* was created/);
    expect(snapshot(w)).toEqual(before);

    writeFileSync(list, 'echo one\necho two\n# more work\necho three\n');
    const r = await runCli([list, '-w', w, '-q']);
    expect(r.code).toBe(0);
    expect(ids(join(w, 'finished')).sort()).toEqual([0, 1, 2]);
    expect(readFileSync(join(w, 'logs', 'log_2'), 'utf8')).toBe('three\n');
  });

  it('files the farmer creates are not writable by other users, whatever the umask', () => {
    const d = tempDir();
    const list = writeTasks(d, ['echo hi']);
    const w = join(d, 'wd');
    const r = spawnSync('sh', ['-c', `umask 000 && exec "${process.execPath}" "${CLI}" "${list}" -w "${w}" -q`], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const all = [w, ...Object.keys(snapshot(w)), join(w, 'logs'), join(w, '.taskfarmer')];
    for (const p of all) expect(statSync(p).mode & 0o022, p).toBe(0);
  });
});
