import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { twoFarmers } from './farms.js';
import { dumpDom, screenshot, skipWithoutChromium } from './chromium.js';

/** Two farmers share one workdir: 16 short tasks, one that fails after a retry, one killed by a signal. */
describe('taskfarmer report WORKDIR', () => {
  let dir: string;
  let wd: string;

  beforeAll(async () => {
    dir = tempDir('tf-report-cli-');
    const { wd: w, results } = await twoFarmers(
      dir,
      [
        ...Array.from({ length: 14 }, (_, i) => `sleep 0.${(i % 3) + 1}; echo task ${i + 2}`),
        'echo "<script>alert(1)</script> & it failed" >&2; exit 7',
        'kill -TERM $$',
      ],
      ['--retries', '1'],
    );
    wd = w;
    expect(results.map((r) => r.code)).toContain(1);
  });

  it('prints the JSON report on stdout by default', async () => {
    const r = await runCli(['report', wd]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.counts).toMatchObject({ total: 18, finished: 16, failed: 2, toProcess: 0, running: 0, retried: 2 });
    expect(rep.farmers.length).toBe(2);
    // Each farmer ran some of the tasks, and the per-task farmer names one of them.
    const ids = new Set(rep.farmers.map((f) => f.id));
    for (const t of rep.tasks) expect(ids.has(t.farmer!)).toBe(true);
  });

  it('writes a self-contained HTML page whose charts Chromium draws: a box per attempt in lanes per farmer and worker', async (ctx) => {
    if (skipWithoutChromium()) return ctx.skip();
    const html = join(dir, 'out', 'report.html');
    const r = await runCli(['report', wd, '--html', html, '--json', join(dir, 'out', 'report.json')]);
    expect(r.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    // Nothing is fetched: no external script, stylesheet, image or font.
    expect(page).not.toMatch(/\b(src|href)=|url\(|@import/);
    // The failing task's log is escaped, never run as markup.
    expect(page).not.toContain('<script>alert(1)');

    const dom = dumpDom(html);
    expect(dom).toMatch(/<body[^>]*data-drawn="true"/);
    const rep = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report;
    const attempts = rep.farmers.reduce((n, f) => n + f.attempts, 0);
    expect(attempts).toBe(20);
    const boxes = [
      ...dom.matchAll(/<rect [^>]*class="task (done|failed|retry)"[^>]*data-id="(\d+)"[^>]*data-lane="(\d+)"/g),
    ];
    expect(boxes).toHaveLength(attempts);
    expect(boxes.filter((m) => m[1] === 'done')).toHaveLength(16);
    expect(boxes.filter((m) => m[1] === 'failed')).toHaveLength(2);
    expect(boxes.filter((m) => m[1] === 'retry')).toHaveLength(2);
    // Four worker lanes (2 farmers × 2 workers), labelled by farmer host:pid, under a row per farmer.
    const lanes = new Set(boxes.map((m) => m[3]));
    expect(lanes.size).toBe(4);
    expect([...dom.matchAll(/class="farmer-span"/g)]).toHaveLength(2);
    for (const f of rep.farmers) expect(dom).toContain(`farmer ${f.host}:${f.pid}`);
    expect([...dom.matchAll(/class="lane-label tick">[^<]+ w[01]</g)]).toHaveLength(4);
    // Utilization area and capacity line, and a histogram whose bars count every timed task.
    expect(dom).toMatch(/<path d="M[^"]+" class="util-busy"/);
    expect(dom).toMatch(/<path d="M[^"]+" class="util-capacity"/);
    const bars = [...dom.matchAll(/class="bar" data-count="(\d+)"/g)].map((m) => Number(m[1]));
    expect(bars.reduce((a, b) => a + b, 0)).toBe(18);
    // Failed tasks with their log tails.
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; it failed');
    expect(dom).toMatch(/task 17 — killed by SIGTERM/);
  });

  it('writes a GNU parallel joblog with the columns parallel itself writes', async () => {
    const joblog = join(dir, 'joblog.txt');
    expect((await runCli(['report', wd, '--joblog', joblog])).code).toBe(0);
    const ours = readFileSync(joblog, 'utf8').split('\n').filter(Boolean);

    // The reference: GNU parallel's own joblog for similar commands.
    const ref = join(dir, 'parallel.joblog');
    try {
      execFileSync('parallel', ['--will-cite', '--joblog', ref, '-j2', ':::', 'echo hi', 'exit 7', 'kill -TERM $$'], {
        stdio: 'ignore',
      });
    } catch {
      // exits non-zero: some jobs failed, as intended
    }
    const theirs = readFileSync(ref, 'utf8').split('\n').filter(Boolean);
    expect(ours[0]).toBe(theirs[0]);
    // Each column has parallel's form: Seq, Host, Starttime (epoch s), JobRuntime (%10.3f), Send, Receive, Exitval, Signal.
    const form = [/^\d+$/, /^\S+$/, /^\d{10}\.\d{3}$/, /^ *\d+\.\d{3}$/, /^\d+$/, /^\d+$/, /^\d+$/, /^\d+$/];
    for (const line of [...theirs.slice(1), ...ours.slice(1)]) {
      const cols = line.split('\t');
      expect(cols).toHaveLength(9);
      form.forEach((re, i) => expect(cols[i]).toMatch(re));
      expect(cols[3]).toHaveLength(10);
    }
    const byCmd = (rows: string[], cmd: string) => rows.find((l) => l.endsWith(`\t${cmd}`))!.split('\t');
    // A task killed by a signal: exit value 0 and the signal's number, as parallel writes it.
    expect(byCmd(ours, 'kill -TERM $$').slice(6, 8)).toEqual(byCmd(theirs, 'kill -TERM $$').slice(6, 8));
    expect(byCmd(ours, 'kill -TERM $$').slice(6, 8)).toEqual(['0', '15']);
    const failed = ours.find((l) => l.includes('exit 7'))!.split('\t');
    expect(failed[6]).toBe('7');
    expect(failed[0]).toBe('17'); // task id 16 → Seq 17
    expect(ours).toHaveLength(19);
  });

  it('writes the Markdown summary', async () => {
    const md = join(dir, 'summary.md');
    expect((await runCli(['report', wd, '--markdown', md])).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('**16** finished, **2** failed of 18 tasks');
  });

  it('names a bad workdir in one line, exits 2 and writes nothing', async () => {
    const out = join(dir, 'never.html');
    const r = await runCli(['report', join(dir, 'missing'), '--html', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('missing does not exist');
    expect(existsSync(out)).toBe(false);
    writeFileSync(join(dir, 'plain'), '');
    const r2 = await runCli(['report', dir]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('not a taskfarmer workdir');
  });

  if (!process.env.TASKFARMER_DOCS_SHOT) {
    console.log(
      'skipped: "renders the docs screenshot" regenerates docs/img/report.png only when TASKFARMER_DOCS_SHOT=<path> is set',
    );
  }
  it.skipIf(!process.env.TASKFARMER_DOCS_SHOT)('renders the docs screenshot', () => {
    const html = join(dir, 'shot.html');
    execFileSync(process.execPath, [CLI, 'report', wd, '--html', html]);
    screenshot(html, process.env.TASKFARMER_DOCS_SHOT!);
  });
});
