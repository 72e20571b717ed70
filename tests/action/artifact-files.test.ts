import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectArtifactFiles } from '../../src/action/artifact-files.js';
import { resultFiles, type ResultFiles } from '../../src/action/outputs.js';
import { runCli, tempDir, writeTasks } from '../helpers/cli.js';

/** A real workdir: 6 tasks, ids 1 and 4 fail; each log is `printf` of a known size. */
describe('what the artifact holds', () => {
  let files: ResultFiles;
  const names = (sel: { files: string[] }) => sel.files.map((f) => basename(f));

  beforeAll(async () => {
    const dir = tempDir();
    const tasks = Array.from(
      { length: 6 },
      (_, i) => `head -c ${(i + 1) * 100} /dev/zero` + ([1, 4].includes(i) ? '; exit 1' : ''),
    );
    const wd = join(dir, 'wd');
    expect((await runCli([writeTasks(dir, tasks), '-w', wd, '-q'])).code).toBe(1);
    files = resultFiles(wd);
  });

  it("by default: the lists, the timeline, and the failed tasks' logs", () => {
    const sel = selectArtifactFiles(files, 'failed');
    // report.json is written by the step; here only the farm ran.
    expect(names(sel)).toEqual(['finished', 'failed', 'timeline.json', 'log_1', 'log_4']);
    expect(sel.leftOut).toEqual({ files: 0, bytes: 0 });
  });

  it('all: every log, the failed ones first; none: no log', () => {
    expect(names(selectArtifactFiles(files, 'all'))).toEqual([
      'finished',
      'failed',
      'timeline.json',
      'log_1',
      'log_4',
      'log_0',
      'log_2',
      'log_3',
      'log_5',
    ]);
    expect(names(selectArtifactFiles(files, 'none'))).toEqual(['finished', 'failed', 'timeline.json']);
  });

  it('stops at the caps on files and bytes, and counts what it left out', () => {
    const byCount = selectArtifactFiles(files, 'all', { maxLogs: 3, maxLogBytes: 1 << 20 });
    expect(names(byCount).slice(3)).toEqual(['log_1', 'log_4', 'log_0']);
    expect(byCount.leftOut).toEqual({ files: 3, bytes: 300 + 400 + 600 });
    const byBytes = selectArtifactFiles(files, 'all', { maxLogs: 100, maxLogBytes: 800 });
    // log_1 (200) + log_4 (500) fit; log_0 (100) still fits; the rest do not.
    expect(names(byBytes).slice(3)).toEqual(['log_1', 'log_4', 'log_0']);
    expect(byBytes.leftOut).toEqual({ files: 3, bytes: 300 + 400 + 600 });
  });
});
