import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/report/report.js';
import { renderMarkdownSummary } from '../../src/report/markdown.js';
import { runCli, tempDir, writeTasks } from '../helpers/cli.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('buildReport on a real farm', () => {
  let wd: string;
  let flag: string;
  let report: Report;

  beforeAll(async () => {
    const dir = tempDir('tf-report-');
    flag = join(dir, 'flaky');
    wd = join(dir, 'wd');
    const tasks = writeTasks(dir, [
      'echo zero',
      'sleep 0.3; echo slow',
      'for i in $(seq 1 50); do echo "line $i"; done; echo "it broke" >&2; exit 3',
      `test -e ${flag} || { touch ${flag}; exit 1; }`,
      'kill -TERM $$',
      'echo five',
    ]);
    const r = await runCli([tasks, '-n', '2', '-w', wd, '--retries', '1']);
    expect(r.code).toBe(1);
    report = buildReport(wd);
  });

  it('counts every outcome, and the JSON validates against schemas/report.schema.json', () => {
    expect(report.counts).toEqual({ total: 6, finished: 4, failed: 2, toProcess: 0, running: 0, retried: 3 });
    expectValid(JSON.parse(JSON.stringify(report)));
    expect(report.farmers).toHaveLength(1);
    expect(report.farmers[0]).toMatchObject({ workers: 2, ended: true, attempts: 9 });
    expect(report.farmers[0].host.length).toBeGreaterThan(0);
    expect(report.wall.durationMs).toBeGreaterThan(0);
    expect(report.durations.count).toBe(6);
    expect(report.utilization!.busy.length).toBeGreaterThan(0);
    expect(Math.max(...report.utilization!.busy)).toBeLessThanOrEqual(2.01);
  });

  it('gives each task its outcome, attempts, exit code or signal, host, farmer, worker and log', () => {
    const byId = new Map(report.tasks.map((t) => [t.id, t]));
    expect(byId.get(0)).toMatchObject({
      outcome: 'finished',
      attempts: 1,
      exitCode: 0,
      signal: null,
      log: 'logs/log_0',
    });
    expect(byId.get(2)).toMatchObject({
      outcome: 'failed',
      attempts: 2,
      exitCode: 3,
      task: expect.stringContaining('seq'),
    });
    expect(byId.get(3)).toMatchObject({ outcome: 'finished', attempts: 2, exitCode: 0 });
    expect(byId.get(4)).toMatchObject({ outcome: 'failed', attempts: 2, signal: 'SIGTERM' });
    for (const t of report.tasks) {
      expect(t.host).toBe(report.farmers[0].host);
      expect(t.farmer).toBe(report.farmers[0].id);
      expect([0, 1]).toContain(t.worker);
      expect(t.end! - t.start!).toBe(t.durationMs);
    }
    expect(report.slowest[0].id).toBe(1);
  });

  it('lists failures with the tail of their logs, capped in lines', () => {
    expect(report.failures.map((f) => f.id)).toEqual([2, 4]);
    const f2 = report.failures[0];
    const lines = f2.logTail.split('\n');
    expect(lines).toHaveLength(20);
    expect(lines[lines.length - 1]).toBe('it broke');
    expect(lines[0]).toBe('line 32');
    expect(f2.logTailTruncated).toBe(true);
    expect(report.failuresOmitted).toBe(0);
  });

  it('renders a Markdown summary with counts, the failed tasks table, log tails and the slowest tasks', () => {
    const md = renderMarkdownSummary(report, { title: 'my farm' });
    expect(md).toContain('## ❌ my farm');
    expect(md).toContain('**4** finished, **2** failed of 6 tasks');
    expect(md).toMatch(/\| 2 \| exit 3 \| 2 \|.*<code>for i in \$\(seq 1 50\)/);
    expect(md).toMatch(/\| 4 \| killed by SIGTERM \|/);
    expect(md).toContain('it broke');
    expect(md).toContain('### Slowest tasks');
    expect(md).toMatch(/\| 1 \| [\d.]+(ms|s) \| finished \|/);
  });

  it('keeps the Markdown summary under its byte cap, dropping log blocks before cutting', () => {
    const big: Report = {
      ...report,
      counts: { ...report.counts, failed: 500 },
      failures: Array.from({ length: 500 }, (_, i) => ({
        ...report.failures[0],
        id: i,
        logTail: 'x'.repeat(4000),
      })),
    };
    const md = renderMarkdownSummary(big, { maxBytes: 20_000, maxFailures: 500 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(20_000);
    expect(md).toMatch(/\d+ more failed task\(s\)/);
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  });

  it('names a missing workdir in one line', () => {
    expect(() => buildReport(join(wd, 'nope'))).toThrow(/workdir .*nope does not exist/);
  });
});
