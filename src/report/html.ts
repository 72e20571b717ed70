import { formatDuration } from '../util/duration.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { logLabel, type Report, type ReportTask, type Spans } from './report.js';
import { howEnded } from './ended.js';

/** Past this many attempts the Gantt chart draws busy pixels per lane instead of one box per attempt. */
const MAX_BOXES = 20_000;
/** Task names are embedded for tooltips only up to this many attempts (keeps the page small). */
const MAX_NAMES = 20_000;

/** Everything the page's script draws, in compact arrays (times relative to the wall start, ms). */
export interface ChartData {
  title: string;
  span: number;
  lanes: Array<{ label: string; farmer: number }>;
  farmers: Array<{ label: string; start: number; end: number }>;
  /** Per attempt: lane, start, end, kind (0 done, 1 failed, 2 retried), task id. */
  boxes: number[];
  binned: boolean;
  names: Record<number, string> | null;
  util: { bucketMs: number; busy: number[]; capacity: number[] } | null;
  hist: { edges: number[]; counts: number[]; log: boolean };
}

/**
 * One self-contained HTML page (inline CSS, JS and SVG; nothing loaded from the network): the
 * counts, a Gantt chart of attempts per farmer and worker lane, worker utilization over time,
 * the duration histogram, the farmers, and the failed tasks with the tail of their logs.
 */
export function renderHtml(report: Report, spans: Spans, title = 'taskfarmer report'): string {
  const data = chartData(report, spans, title);
  const c = report.counts;
  const d = report.durations;
  const card = (label: string, value: string, cls = '') =>
    `<div class="card ${cls}"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div></div>`;
  const cards = [
    card('tasks', String(c.total)),
    card('finished', String(c.finished), 'ok'),
    card('failed', String(c.failed), c.failed ? 'bad' : ''),
    card('to process', String(c.toProcess)),
    card('running', String(c.running)),
    card('retried attempts', String(c.retried)),
    card('wall time', report.wall.durationMs === null ? '–' : formatDuration(report.wall.durationMs)),
    card('median task', d.p50Ms === null ? '–' : formatDuration(d.p50Ms)),
    card('p90 task', d.p90Ms === null ? '–' : formatDuration(d.p90Ms)),
  ].join('');
  const farmers = report.farmers
    .map(
      (f) =>
        `<tr><td>${esc(f.host)}</td><td>${f.pid}</td><td>${f.workers}</td><td>${f.attempts}</td>` +
        `<td>${time(f.start)}</td><td>${time(f.end)}</td><td>${f.ended ? 'stopped' : 'running or gone'}</td>` +
        `<td><code>${esc(f.id)}</code></td></tr>`,
    )
    .join('\n');
  const failures = report.failures
    .map(
      (t) =>
        `<section class="failure" data-id="${t.id}"><h3>task ${t.id} — ${esc(how(t))}` +
        `${t.durationMs === null ? '' : ` after ${formatDuration(t.durationMs)}`}, attempt ${t.attempts}` +
        `${t.host ? ` on ${esc(t.host)}` : ''}</h3><pre class="cmd">${esc(t.task)}</pre>` +
        `<div class="logname">${esc(logLabel(t))}${t.logTailTruncated ? ' (last lines)' : ''}</div>` +
        `<pre class="log">${esc(t.logTail) || '(empty log)'}</pre></section>`,
    )
    .join('\n');
  const omitted = report.failuresOmitted ? `<p>${report.failuresOmitted} more failed task(s) not shown.</p>` : '';
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${HTML_STYLE}</style></head>
<body>
<header><h1>${esc(title)}</h1><div class="meta">${esc(report.workdir)} (${esc(report.filesystem.type)}) · generated ${esc(report.generated)}</div></header>
<div class="cards">${cards}</div>
<h2>Tasks per worker</h2>
<div class="legend"><span class="sw done"></span>finished <span class="sw failed"></span>failed <span class="sw retry"></span>failed, retried <span class="sw farmer"></span>farmer alive</div>
<div class="chart"><svg id="gantt" role="img" aria-label="Gantt chart of tasks per worker"></svg></div>
<h2>Worker utilization</h2>
<div class="legend"><span class="sw busy"></span>busy workers <span class="sw cap"></span>worker slots</div>
<div class="chart"><svg id="util" role="img" aria-label="busy workers over time"></svg></div>
<h2>Task durations</h2>
<div class="chart"><svg id="hist" role="img" aria-label="histogram of task durations"></svg></div>
<h2>Farmers</h2>
<table class="farmers"><thead><tr><th>host</th><th>pid</th><th>workers</th><th>attempts</th><th>start</th><th>end</th><th>state</th><th>id</th></tr></thead>
<tbody>${farmers}</tbody></table>
<h2>Failed tasks (${c.failed})</h2>
<div id="failures">${failures || '<p>None.</p>'}${omitted}</div>
<script type="application/json" id="data">${json}</script>
<script>${HTML_SCRIPT}</script>
</body></html>
`;
}

export function chartData(report: Report, spans: Spans, title: string): ChartData {
  const t0 = report.wall.start ?? 0;
  const span = Math.max(1, (report.wall.end ?? t0) - t0);
  const farmerLabel = (i: number) => {
    const f = report.farmers[i];
    return f ? `${f.host || '?'}:${f.pid}` : '?';
  };
  // One lane per (farmer, worker) seen, in farmer then worker order.
  const laneKey = new Map<number, number>();
  const keys: Array<[number, number]> = [];
  for (let i = 0; i < spans.start.length; i++) {
    const k = spans.farmer[i] * 65536 + Math.max(0, spans.worker[i]);
    if (!laneKey.has(k)) {
      laneKey.set(k, -1);
      keys.push([spans.farmer[i], Math.max(0, spans.worker[i])]);
    }
  }
  keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lanes = keys.map(([f, w], i) => {
    laneKey.set(f * 65536 + w, i);
    return { label: `${farmerLabel(f)} w${w}`, farmer: f };
  });
  const boxes: number[] = [];
  const withNames = spans.start.length <= MAX_NAMES;
  const names: Record<number, string> | null = withNames ? {} : null;
  const text = new Map<number, string>();
  if (withNames) for (const t of report.tasks) text.set(t.id, t.task);
  for (let i = 0; i < spans.start.length; i++) {
    const lane = laneKey.get(spans.farmer[i] * 65536 + Math.max(0, spans.worker[i]))!;
    boxes.push(lane, spans.start[i] - t0, spans.end[i] - t0, spans.kind[i], spans.task[i]);
    if (names) names[spans.task[i]] = text.get(spans.task[i]) ?? '';
  }
  const u = report.utilization;
  return {
    title,
    span,
    lanes,
    farmers: report.farmers.map((f, i) => ({
      label: farmerLabel(i),
      start: (f.start ?? t0) - t0,
      end: (f.end ?? f.start ?? t0) - t0,
    })),
    boxes,
    binned: spans.start.length > MAX_BOXES,
    names,
    util: u ? { bucketMs: u.bucketMs, busy: u.busy, capacity: u.capacity } : null,
    hist: histogram(report.tasks),
  };
}

/** Duration histogram of the tasks' last attempts: linear bins, or log bins for a long tail. */
function histogram(tasks: ReportTask[], bins = 30): ChartData['hist'] {
  const d: number[] = [];
  for (const t of tasks) if (t.durationMs !== null) d.push(t.durationMs);
  if (d.length === 0) return { edges: [], counts: [], log: false };
  let min = Infinity;
  let max = -Infinity;
  for (const v of d) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const lo = Math.max(1, min);
  const log = max / lo > 100;
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) {
    edges.push(log ? lo * Math.pow(max / lo, i / bins) : min + ((max - min || 1) * i) / bins);
  }
  if (log) edges[0] = 0;
  const counts = new Array<number>(bins).fill(0);
  for (const v of d) {
    let b: number;
    if (log) b = v <= lo ? 0 : Math.floor((Math.log(v / lo) / Math.log(max / lo)) * bins);
    else b = Math.floor(((v - min) / (max - min || 1)) * bins);
    counts[Math.min(bins - 1, Math.max(0, b))]++;
  }
  return { edges: edges.map((e) => Math.round(e)), counts, log };
}

const how = (t: ReportTask) => howEnded({ code: t.exitCode, signal: t.signal, timedOut: t.timedOut });

const time = (ms: number | null) => (ms === null ? '–' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
