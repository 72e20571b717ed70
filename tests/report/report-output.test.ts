import { execa, execaSync } from 'execa';
import { lstatSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED } from '../helpers/exec.js';

/** `report --json/--html/--joblog/--markdown FILE`: what FILE is decides how it is written. */
describe('taskfarmer report writes where the user points it', () => {
  let dir: string;
  let wd: string;

  beforeAll(async () => {
    dir = tempDir('tf-report-out-');
    wd = join(dir, 'wd');
    const list = writeTasks(dir, ['echo a', 'echo b']);
    expect((await runCli([list, '-w', wd, '-q'])).code).toBe(0);
  });

  it('"-" is stdout', async () => {
    const r = await runCli(['report', wd, '--markdown', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\*\*2\*\* finished/);
    const j = await runCli(['report', wd, '--json', '-']);
    expect(JSON.parse(j.stdout).counts.finished).toBe(2);
  });

  it('a symlink is written through: the link stays, its target gets the report', async () => {
    const target = join(dir, 'shared-report.json');
    writeFileSync(target, 'old\n');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    const r = await runCli(['report', wd, '--json', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(JSON.parse(readFileSync(target, 'utf8')).counts.finished).toBe(2);
  });

  it('a FIFO is written into, not replaced by a file', async () => {
    const fifo = join(dir, 'report.fifo');
    execaSync('mkfifo', [fifo]);
    const reader = execa('cat', [fifo], { ...AS_SPAWNED, stdin: 'ignore', stderr: 'inherit' });
    const r = await runCli(['report', wd, '--joblog', fifo]);
    const got = (await reader).stdout;
    expect(r.code).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(got.split('\n')[0]).toMatch(/^Seq\tHost\tStarttime/);
    expect(got.trim().split('\n')).toHaveLength(3);
  });

  it('/dev/stdout is written through and stays what it was', async () => {
    const before = lstatSync('/dev/stdout');
    const r = await runCli(['report', wd, '--markdown', '/dev/stdout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\*\*2\*\* finished/);
    const after = lstatSync('/dev/stdout');
    expect([after.isSymbolicLink(), after.ino]).toEqual([before.isSymbolicLink(), before.ino]);
  });

  it('a folder that cannot be made (under /proc) is one line and exit 2, not a spin', async () => {
    const r = await runCli(['report', wd, '--json', '/proc/tf-x/report.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^taskfarmer: --json \/proc\/tf-x\/report\.json: folder \/proc\/tf-x cannot be created/,
    );
  });

  it('a regular file is replaced whole (a reader never sees half of it)', async () => {
    const file = join(dir, 'out', 'report.md');
    expect((await runCli(['report', wd, '--markdown', file])).code).toBe(0);
    const ino = lstatSync(file).ino;
    expect((await runCli(['report', wd, '--markdown', file])).code).toBe(0);
    expect(lstatSync(file).ino).not.toBe(ino);
    expect(readFileSync(file, 'utf8')).toMatch(/\*\*2\*\* finished/);
  });
});
