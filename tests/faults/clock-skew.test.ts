/**
 * A farmer on a node whose clock is far behind writes timestamps that look old. It must not be
 * taken for gone while its journal grows: liveness is judged by file times and growth on our
 * clock, and the skew is reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeTasks } from '../helpers/cli.js';
import { listHandler } from '../../src/tasklist/handlers.js';
import { Workdir } from '../../src/workdir/workdir.js';

describe('clock skew between farmers', () => {
  it('a live farmer whose clock is 2 hours behind keeps its claims, and the skew is reported', async () => {
    const dir = tempDir('tf-skew-');
    const tasks = writeTasks(dir, ['true', 'true']);
    const wd = join(dir, 'wd');
    // A farmer on another node, 2 h behind, that claimed task 0 just now.
    const behind = Date.now() - 2 * 3600_000;
    const journal = join(wd, '.taskfarmer', 'journal');
    mkdirSync(journal, { recursive: true });
    writeFileSync(
      join(journal, 'node7-4242-abcdef.jsonl'),
      [
        {
          t: 'hello',
          host: 'node7',
          boot: 'other-boot',
          ns: 'pid:[1]',
          pid: 4242,
          workers: 1,
          lease: 60_000,
          ts: behind,
        },
        { t: 'claim', id: 0, a: 1, ts: behind },
        { t: 'hb', ts: behind + 1000 },
      ]
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    const warnings: string[] = [];
    const w = await Workdir.open({
      dir: wd,
      tasklist: tasks,
      handler: listHandler,
      retries: 0,
      lease: 60_000,
      lockStale: 10_000,
      workers: 1,
      warn: (m) => warnings.push(m),
    });
    const other = [...w.farmers.values()].find((f) => f.id === 'node7-4242-abcdef')!;
    expect(w.state.ownerOf(0)).toBe(other.index);
    expect(warnings.join('\n')).not.toMatch(/is gone/);
    expect(warnings.join('\n')).toMatch(/node7-4242-abcdef's clock is \d+ s behind/);
    await w.close([]);
  }, 60_000);
});
