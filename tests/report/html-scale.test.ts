import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/report.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { dumpDom, skipWithoutChromium } from './chromium.js';

/**
 * A workdir as a 30,000-task farm with 16 workers leaves it at rest (files in the protocol's
 * format: finished, failed, one history journal), written directly so the test takes seconds.
 */
function bigWorkdir(n: number, workers: number): string {
  const wd = join(tempDir('tf-big-'), 'wd');
  mkdirSync(join(wd, '.taskfarmer', 'history'), { recursive: true });
  mkdirSync(join(wd, '.taskfarmer', 'journal'), { recursive: true });
  mkdirSync(join(wd, 'logs'));
  writeFileSync(join(wd, 'toprocess'), '');
  writeFileSync(join(wd, 'timeline.json'), '[\n]\n');
  const t0 = 1_800_000_000_000;
  const free = new Array<number>(workers).fill(t0);
  const journal: string[] = [
    JSON.stringify({ t: 'hello', host: 'node7', boot: 'b', pid: 777, workers, lease: 60000, ts: t0 }),
  ];
  let finished = '';
  let failed = '';
  for (let id = 0; id < n; id++) {
    const w = id % workers;
    const s = free[w];
    const e = s + 100 + ((id * 7919) % 900);
    free[w] = e;
    journal.push(JSON.stringify({ t: 'claim', id, a: 1, ts: s }));
    if (id % 101 === 3) {
      journal.push(JSON.stringify({ t: 'fail', id, a: 1, s, e, w, rc: 2, sig: null, to: false, final: true }));
      failed += `${id} run --case ${id}\n`;
    } else {
      journal.push(JSON.stringify({ t: 'done', id, a: 1, s, e, w }));
      finished += `${id} run --case ${id}\n`;
    }
  }
  journal.push(JSON.stringify({ t: 'bye', ts: Math.max(...free) }));
  writeFileSync(join(wd, 'finished'), finished);
  writeFileSync(join(wd, 'failed'), failed);
  writeFileSync(
    join(wd, '.taskfarmer', 'history', '2026-01-01T00-00-00-000Z-node7-777-abcdef.jsonl'),
    journal.join('\n') + '\n',
  );
  return wd;
}

describe('report at scale', () => {
  const wd = bigWorkdir(30_000, 16);

  it('folds 30,000 tasks into counts, per-task rows and capped failure tails', () => {
    const r = buildReport(wd);
    expect(r.counts).toMatchObject({ total: 30_000, finished: 30_000 - 297, failed: 297, toProcess: 0, running: 0 });
    expect(r.tasks).toHaveLength(30_000);
    expect(r.failures).toHaveLength(50);
    expect(r.failuresOmitted).toBe(247);
    expect(r.farmers).toEqual([expect.objectContaining({ host: 'node7', pid: 777, workers: 16, attempts: 30_000 })]);
    // Every worker was busy from start to end: utilization is the full 16 except the ragged last bucket.
    expect(r.utilization!.busy.slice(0, -2).every((b) => b > 15.9 && b <= 16.01)).toBe(true);
  });

  it('draws busy pixels per lane instead of 30,000 boxes, failures kept visible, in a page of a few MB', async (ctx) => {
    if (skipWithoutChromium()) return ctx.skip();
    const html = join(wd, '..', 'big.html');
    expect((await runCli(['report', wd, '--html', html])).code).toBe(0);
    expect(statSync(html).size).toBeLessThan(3 << 20);
    const dom = dumpDom(html);
    const rects = [...dom.matchAll(/<rect [^>]*class="task binned (done|failed|retry)"[^>]*data-lane="(\d+)"/g)];
    expect(rects.length).toBeGreaterThan(16);
    expect(rects.length).toBeLessThan(30_000);
    expect(new Set(rects.map((m) => m[2])).size).toBe(16);
    expect(rects.some((m) => m[1] === 'failed')).toBe(true);
    expect(dom).not.toMatch(/class="task (done|failed)" data-id/);
    expect(readFileSync(html, 'utf8')).toContain('247 more failed task(s) not shown.');
  });
});
