import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputTail } from '../../src/report/logtail.js';
import { outputIn } from '../../src/workdir/tasklog-reader.js';
import { runCli, tempDir, writeTasks } from '../helpers/cli.js';

/** The tail of a per-task log file (a per-task log is the whole file). */
const logTail = (path: string, lines = 20, bytes = 4096) => outputTail(outputIn(path, 0, 1), lines, bytes);

describe('the tail of a task log', () => {
  const dir = tempDir('tf-logtail-');
  const log = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('shows the end of a last line longer than the byte bound, not "(empty log)"', () => {
    const p = log('long', 'start\n' + 'x'.repeat(10_000) + ' ERROR: the very end\n');
    const t = logTail(p, 20, 4096);
    expect(t.text).toMatch(/x+ ERROR: the very end$/);
    expect(Buffer.byteLength(t.text)).toBeLessThanOrEqual(4096);
    expect(t.truncated).toBe(true);
  });

  it('drops a cut first line when whole lines follow it', () => {
    const p = log('cut', 'y'.repeat(5000) + '\nline 2\nline 3\n');
    expect(logTail(p, 20, 100)).toEqual({ text: 'line 2\nline 3', truncated: true });
  });

  it('shows a progress bar redrawn with carriage returns as it ended', () => {
    const bar = Array.from({ length: 400 }, (_, i) => `\r[${'#'.repeat(i % 40)}] ${i / 4}%`).join('');
    const p = log('bar', `downloading\n${bar}\r[done] 100%\n`);
    const t = logTail(p, 20, 4096);
    expect(t.text.split('\n').at(-1)).toBe('[done] 100%');
    expect(logTail(log('bar2', 'a\rb\rfinal\n')).text).toBe('final');
  });

  it('does not start with a broken character when the cut falls inside one', () => {
    const p = log('utf8', 'é'.repeat(3000) + '\n');
    const t = logTail(p, 20, 4095);
    expect(t.text).toMatch(/^é+$/);
  });

  it('leaves short logs as they are', () => {
    expect(logTail(log('short', 'one\ntwo\n'))).toEqual({ text: 'one\ntwo', truncated: false });
    expect(logTail(log('empty', ''))).toEqual({ text: '', truncated: false });
    expect(logTail(join(dir, 'absent'))).toEqual({ text: '', truncated: false });
  });

  it('reaches the Markdown summary of a task that failed on one long line', async () => {
    const d = tempDir();
    const list = writeTasks(d, [`printf '%.0s-' $(seq 6000); echo ' fatal: out of cheese'; exit 3`]);
    const wd = join(d, 'wd');
    expect((await runCli([list, '-w', wd, '-q'])).code).toBe(1);
    const r = await runCli(['report', wd, '--markdown', '-']);
    expect(r.stdout).toContain('fatal: out of cheese');
    expect(r.stdout).not.toContain('(empty log)');
  });
});
