import { existsSync, readFileSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, sleep, startCli, taskLines, tempDir } from '../helpers/cli.js';

describe("task bytes are the tasklist's bytes, numbered as PyTaskFarmer numbers them", () => {
  it('a NUL byte is refused, naming the line: exit 2, nothing created', async () => {
    const dir = tempDir();
    const tasklist = join(dir, 'tasks');
    writeFileSync(tasklist, Buffer.from(`echo a\necho b\0; touch ${dir}/ran\n`));
    const r = await runCli([tasklist, '-w', join(dir, 'wd')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^taskfarmer: tasklist .*tasks: line 2 contains a NUL byte/),
    ]);
    expect(existsSync(join(dir, 'wd'))).toBe(false);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('bytes that are not UTF-8 are refused, naming the line (not replaced by U+FFFD and run)', async () => {
    const dir = tempDir();
    const tasklist = join(dir, 'tasks');
    writeFileSync(tasklist, Buffer.concat([Buffer.from('echo a\n# c\necho '), Buffer.from([0xe9, 0x0a])]));
    const r = await runCli([tasklist, '-w', join(dir, 'wd')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^taskfarmer: tasklist .*tasks: line 3 is not valid UTF-8/);
    expect(existsSync(join(dir, 'wd'))).toBe(false);
  });

  it('an indented "# note" is a task and a BOM belongs to line 0, so ids agree with PyTaskFarmer', async () => {
    const dir = tempDir();
    const tasklist = join(dir, 'tasks');
    writeFileSync(tasklist, `\ufeff# bom\n  # note\n\n \t \necho $PROC_NUMBER\n# comment\necho last $PROC_NUMBER\n`);
    const wd = join(dir, 'wd');
    const r = await runCli([tasklist, '-w', wd]);
    // Line 0 with its BOM is a command bash cannot find (PyTaskFarmer runs it too); it fails.
    expect(r.code).toBe(1);
    expect(ids(join(wd, 'failed'))).toEqual([0]);
    expect(taskLines(join(wd, 'finished')).sort((a, b) => a[0] - b[0])).toEqual([
      [1, '# note'],
      [2, 'echo $PROC_NUMBER'],
      [3, 'echo last $PROC_NUMBER'],
    ]);
    expect(readFileSync(join(wd, 'logs', 'log_3'), 'utf8')).toBe('last 3\n');
  });

  it('a last line without a newline, in a file left alone for 2 s, is a task (editors save so)', async () => {
    const dir = tempDir();
    const tasklist = join(dir, 'tasks');
    writeFileSync(tasklist, 'echo a\necho b');
    const old = new Date(Date.now() - 60_000);
    utimesSync(tasklist, old, old);
    const wd = join(dir, 'wd');
    expect((await runCli([tasklist, '-w', wd])).code).toBe(0);
    expect(taskLines(join(wd, 'finished')).sort((a, b) => a[0] - b[0])).toEqual([
      [0, 'echo a'],
      [1, 'echo b'],
    ]);
  });

  it('a last line still being written when the farm starts is not run half-written', async () => {
    const dir = tempDir();
    const tasklist = join(dir, 'tasks');
    writeFileSync(tasklist, 'echo a\necho par');
    const wd = join(dir, 'wd');
    const run = startCli([tasklist, '-w', wd]);
    // The writer goes on a second later: after a farmer that takes what it finds has read the
    // file, well within the 2 s of quiet this one waits for.
    await sleep(1_000);
    appendFileSync(tasklist, 'tly written\n');
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(taskLines(join(wd, 'finished')).sort((a, b) => a[0] - b[0])).toEqual([
      [0, 'echo a'],
      [1, 'echo partly written'],
    ]);
  });
});
