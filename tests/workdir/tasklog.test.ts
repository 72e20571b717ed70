import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaskLogs, readOutput } from '../../src/workdir/tasklog-reader.js';
import { completeFrame, frameHeader } from '../../src/workdir/tasklog.js';
import { tempDir } from '../helpers/cli.js';

const text = (logs: TaskLogs, id: number) =>
  logs
    .outputs(id)
    .map((o) => ({ attempt: o.attempt, complete: o.complete, text: readOutput(o).bytes.toString('latin1') }));

describe('per-worker log frames (src/workdir/tasklog.ts)', () => {
  it('survive binary output, fake headers, a cut frame followed by a new writer, and a torn header at the end', () => {
    const wd = tempDir();
    mkdirSync(join(wd, 'logs'));
    const fake = frameHeader(9, 1, 1, 3) + 'abc';
    const file =
      completeFrame(1, 1, 100, `\x00\x01${fake}`) +
      // A frame whose size was never filled in (its launcher was killed), then a new launcher's frames.
      frameHeader(2, 1, 200) +
      'cut sh' +
      completeFrame(2, 2, 300, 'whole\n') +
      completeFrame(2, 2, 300, 'a note\n') +
      // A header torn mid-write.
      frameHeader(3, 1, 400).slice(0, 30);
    writeFileSync(join(wd, 'logs', 'worker_h-1-abc_0'), file, 'latin1');
    const logs = new TaskLogs(wd);
    expect(text(logs, 1)).toEqual([{ attempt: 1, complete: true, text: `\x00\x01${fake}` }]);
    expect(text(logs, 9)).toEqual([]);
    expect(text(logs, 2)).toEqual([
      { attempt: 1, complete: false, text: 'cut sh' },
      { attempt: 2, complete: true, text: 'whole\na note\n' },
    ]);
    expect(text(logs, 3)).toEqual([]);
    expect(logs.latest(2)!.attempt).toBe(2);
    expect(readOutput(logs.latest(2)!, 8).bytes.toString()).toBe('a note\n'.padStart(8, '\n'));
  });

  it('a per-task log and frames of the same task are ordered by time', () => {
    const wd = tempDir();
    mkdirSync(join(wd, 'logs'));
    writeFileSync(join(wd, 'logs', 'log_0'), 'old\n');
    writeFileSync(join(wd, 'logs', 'worker_h-2-abc_1'), completeFrame(0, 2, Date.now() + 60_000, 'new\n'));
    expect(text(new TaskLogs(wd), 0)).toEqual([
      { attempt: null, complete: true, text: 'old\n' },
      { attempt: 2, complete: true, text: 'new\n' },
    ]);
  });
});
