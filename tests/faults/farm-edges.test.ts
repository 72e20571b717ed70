/**
 * Smaller promises of the coordination layer: lines appended just before the farm ends are
 * tasks too; a task that kills its farmer is not requeued forever; `status` counts tasks, not
 * lines; the crash-recovery search of `finished` covers a whole batch of long lines.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, runCli, tempDir, writeTasks, type RunResult } from '../helpers/cli.js';
import { openWorkdir } from '../helpers/workdir.js';
import { counts, range } from './helpers.js';

describe('the end of a farm', () => {
  it('sees a line appended to the tasklist by its last task', async () => {
    const dir = tempDir('tf-edge-');
    const tasks = join(dir, 'tasks.txt');
    writeFileSync(tasks, `echo 'touch ${join(dir, 'late')}' >> ${tasks}\n`);
    const r = await runCli([tasks, '-w', join(dir, 'wd'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(ids(join(dir, 'wd', 'finished')).sort()).toEqual([0, 1]);
  }, 60_000);
});

describe('a task that kills its farmer', () => {
  it('is failed after its farmer was lost 3 times, and does not go first each time', async () => {
    const dir = tempDir('tf-edge-');
    // Walks up from the task's shell to the farmer (the process running cli.js) and kills it.
    const poison =
      'p=$PPID; while [ "$p" -gt 1 ] && ! grep -q cli.js /proc/$p/cmdline; do p=$(cut -d" " -f4 /proc/$p/stat); done; [ "$p" -gt 1 ] && kill -9 $p';
    const tasks = writeTasks(dir, [poison, 'true', 'true', 'true']);
    const wd = join(dir, 'wd');
    const runs: RunResult[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await runCli([tasks, '-w', wd, '-n', '1', '-q']);
      runs.push(r);
      if (r.signal !== 'SIGKILL') break;
    }
    const last = runs[runs.length - 1];
    expect(last.signal, `${runs.length} runs, all killed`).toBeNull();
    expect(last.code).toBe(1);
    expect(ids(join(wd, 'failed'))).toEqual([0]);
    expect(ids(join(wd, 'finished')).sort()).toEqual([1, 2, 3]);
    expect(last.stderr).toMatch(/their farmer was lost while running them 3 times/);
  }, 120_000);
});

describe('status', () => {
  it('never reports more tasks done than the tasklist has', async () => {
    const dir = tempDir('tf-edge-');
    const tasks = writeTasks(dir, ['true', 'true', 'true']);
    const wd = join(dir, 'wd');
    expect((await runCli([tasks, '-w', wd, '-q'])).code).toBe(0);
    // A line written twice (as a farmer stalled past its lease did before fencing).
    appendFileSync(join(wd, 'finished'), readFileSync(join(wd, 'finished'), 'utf8').split('\n')[0] + '\n');
    const s = JSON.parse((await runCli(['status', wd, '--json'])).stdout);
    expect(s).toMatchObject({ total: 3, finished: 3 });
  }, 60_000);
});

describe('taking back the claims of a dead farmer', () => {
  it('finds the lines of a whole batch of long tasks it wrote before dying (more than 4 MB)', async () => {
    const dir = tempDir('tf-edge-');
    const n = 40;
    // 120 KB a task: 4.8 MB of `finished` lines for the batch.
    const tasks = writeTasks(
      dir,
      range(n).map((i) => `true ${i} #${'x'.repeat(120_000)}`),
    );
    const wd = join(dir, 'wd');
    // A farmer claims all of them, writes their lines to `finished` and dies before its
    // journal records (its pid is made a dead one).
    const w = await openWorkdir(wd, tasks);
    const { claims } = await w.sync({ want: n });
    expect(claims).toHaveLength(n);
    appendFileSync(join(wd, 'finished'), claims.map((c) => `${c.id} ${c.task}\n`).join(''));
    const dead = spawnSync('true').pid;
    const journal = join(wd, '.taskfarmer', 'journal', `${w.farmerId}.jsonl`);
    writeFileSync(journal, readFileSync(journal, 'utf8').replace(`"pid":${process.pid}`, `"pid":${dead}`));
    const r = await runCli([tasks, '-w', wd, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const twice = [...counts(join(wd, 'finished'))].filter(([, c]) => c > 1).map(([id]) => id);
    expect(twice).toEqual([]);
    expect(ids(join(wd, 'finished')).sort((a, b) => a - b)).toEqual(range(n));
  }, 120_000);
});
