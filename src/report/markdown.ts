import { formatDuration } from '../util/duration.js';
import { logLabel, type Report, type ReportTask } from './report.js';
import { howEnded } from './ended.js';

export interface MarkdownOptions {
  /** First heading (default "taskfarmer"). */
  title?: string;
  /** Hard cap on the output in bytes (default 100 KiB; GitHub allows 1 MiB per step summary). */
  maxBytes?: number;
  /** Failed tasks shown with their log tails (default 20). */
  maxFailures?: number;
  /** Slowest tasks listed (default 5). */
  slowest?: number;
  /** Longest command shown in a table before it is cut (default 120 characters). */
  maxCommand?: number;
}

/**
 * A Markdown summary of a report, for a GitHub job summary or a PR comment: counts, wall time,
 * durations, failed tasks with the tail of their logs, and the slowest tasks. Failure sections
 * are added while they fit in `maxBytes`; the rest are counted, never cut mid-block.
 */
export function renderMarkdownSummary(report: Report, opts: MarkdownOptions = {}): string {
  const maxBytes = opts.maxBytes ?? 100 * 1024;
  const maxCmd = opts.maxCommand ?? 120;
  const c = report.counts;
  const ok = c.failed === 0 && c.toProcess === 0 && c.running === 0;
  const icon = c.failed > 0 ? '❌' : ok ? '✅' : '⏸️';
  const head: string[] = [];
  head.push(`## ${icon} ${opts.title ?? 'taskfarmer'}`, '');
  const left = c.toProcess + c.running;
  head.push(
    `**${c.finished}** finished, **${c.failed}** failed` +
      (left ? `, **${left}** not done (${c.running} running, ${c.toProcess} to process)` : '') +
      ` of ${c.total} tasks` +
      (report.wall.durationMs !== null ? ` in ${formatDuration(report.wall.durationMs)}` : '') +
      (c.retried ? `; ${c.retried} failed attempt(s) retried` : '') +
      '.',
    '',
  );
  const d = report.durations;
  if (d.count > 0) {
    const busy = report.farmers.reduce((n, f) => n + f.workers, 0);
    head.push(
      '| tasks timed | mean | median | p90 | max | farmers | workers |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      `| ${d.count} | ${fd(d.meanMs)} | ${fd(d.p50Ms)} | ${fd(d.p90Ms)} | ${fd(d.maxMs)} | ${report.farmers.length} | ${busy} |`,
      '',
    );
  }

  const tail: string[] = [];
  const nSlow = Math.min(opts.slowest ?? 5, report.slowest.length);
  if (nSlow > 0) {
    tail.push('### Slowest tasks', '', '| id | duration | outcome | host | command |', '|---:|---:|---|---|---|');
    for (const t of report.slowest.slice(0, nSlow)) {
      tail.push(`| ${t.id} | ${fd(t.durationMs)} | ${t.outcome} | ${cell(t.host ?? '')} | ${code(t.task, maxCmd)} |`);
    }
    tail.push('');
  }

  let out = head.join('\n') + '\n';
  const tailText = tail.join('\n') + '\n';
  if (report.failures.length > 0 || c.failed > 0) {
    const shown = report.failures.slice(0, opts.maxFailures ?? 20);
    const table = [
      '### Failed tasks',
      '',
      '| id | ended | attempts | duration | host | command |',
      '|---:|---|---:|---:|---|---|',
    ];
    for (const t of shown) {
      table.push(
        `| ${t.id} | ${how(t)} | ${t.attempts} | ${fd(t.durationMs)} | ${cell(t.host ?? '')} | ${code(t.task, maxCmd)} |`,
      );
    }
    table.push('');
    const tableText = table.join('\n') + '\n';
    const budget = maxBytes - bytes(out) - bytes(tailText) - 200;
    let used = 0;
    let listed = 0;
    if (bytes(tableText) <= budget) {
      out += tableText;
      used += bytes(tableText);
      for (const t of shown) {
        const block = logBlock(t.id, t.task, logLabel(t), t.logTail, t.logTailTruncated, maxCmd);
        if (used + bytes(block) > budget) break;
        out += block;
        used += bytes(block);
        listed++;
      }
    }
    const more = c.failed - listed;
    if (more > 0) {
      out += `\n_${more} more failed task(s) without log excerpt here: see \`failed\` and \`logs/\` in the workdir, or \`taskfarmer report\`._\n\n`;
    }
  }
  if (bytes(out) + bytes(tailText) <= maxBytes) out += tailText;
  return cutToBytes(out, maxBytes);
}

function logBlock(id: number, task: string, log: string, tailText: string, truncated: boolean, maxCmd: number): string {
  const fence = '`'.repeat(Math.max(3, longestRun(tailText, '`') + 1));
  const note = truncated ? ' (last lines)' : '';
  return (
    `<details><summary>task ${id}: <code>${html(short(task, maxCmd))}</code> — ${html(log)}${note}</summary>\n\n` +
    `${fence}text\n${tailText || '(empty log)'}\n${fence}\n\n</details>\n\n`
  );
}

const how = (t: ReportTask) => howEnded({ code: t.exitCode, signal: t.signal, timedOut: t.timedOut });

const fd = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));
const bytes = (s: string) => Buffer.byteLength(s);
const short = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
/**
 * Text shown as it is inside inline HTML: GitHub still applies Markdown between inline tags, so
 * `**`, `_x_`, `[a](b)`, backticks, `~~`, `\` and `@user` (a mention) in a command would render
 * or notify. Those characters become numeric entities (`[` and `]` are enough to break a link).
 */
const html = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_[\]`~\\@]/g, (c) => `&#${c.charCodeAt(0)};`);
const cell = (s: string) => html(s).replace(/\|/g, '&#124;').replace(/\n/g, ' ');
const code = (s: string, n: number) => `<code>${cell(short(s, n))}</code>`;

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function cutToBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  return Buffer.from(s)
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}
