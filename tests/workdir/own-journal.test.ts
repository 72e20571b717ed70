import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layout } from '../../src/workdir/layout.js';
import { OwnJournal, StaleWorkdirError } from '../../src/workdir/own-journal.js';
import { tempDir } from '../helpers/cli.js';

describe("a farmer's own journal", () => {
  it('gone (ENOENT) means compacted away: StaleWorkdirError, and the farm rejoins', () => {
    const paths = layout(tempDir('tf-ownj-'));
    mkdirSync(paths.journals, { recursive: true });
    const j = new OwnJournal(paths, 'f1');
    writeFileSync(j.path, '');
    expect(() => j.check()).not.toThrow();
    rmSync(j.path);
    expect(() => j.check()).toThrow(StaleWorkdirError);
  });

  it('unreadable for another reason (a workdir not answering) is that error, not "compacted"', () => {
    const paths = layout(tempDir('tf-ownj-'));
    mkdirSync(join(paths.journals, '..'), { recursive: true });
    // The journals' directory is a file: stat fails with ENOTDIR, as it fails with ENOTCONN
    // on a GlusterFS mount whose brick is away. Rejoining then would fail on the same workdir.
    writeFileSync(paths.journals, '');
    const j = new OwnJournal(paths, 'f1');
    let thrown: unknown;
    try {
      j.check();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).not.toBeInstanceOf(StaleWorkdirError);
    expect((thrown as NodeJS.ErrnoException).code).toBe('ENOTDIR');
  });
});
