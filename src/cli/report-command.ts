import type { Command } from 'commander';
import { renderHtml } from '../report/html.js';
import { joblogLines } from '../report/joblog.js';
import { renderMarkdownSummary } from '../report/markdown.js';
import { collectReport, type Report } from '../report/report.js';
import { formatStatus, status, statusDetails } from '../report/status.js';
import { isUsageError, UsageError } from '../util/errors.js';
import { writeOutputFile } from './output-file.js';

/** `taskfarmer report WORKDIR [--json FILE] [--html FILE] [--joblog FILE] [--markdown FILE]`. */
export interface ReportArgs {
  workdir: string;
  json?: string;
  html?: string;
  joblog?: string;
  markdown?: string;
}

export function addReportCommand(program: Command, parsed: (args: ReportArgs) => void): void {
  program
    .command('report')
    .description('summarize a workdir: JSON (stdout by default), a self-contained HTML page, a GNU parallel joblog')
    .argument('<workdir>', 'work directory')
    .option('--json <FILE>', 'write the JSON report (schemas/report.schema.json) to FILE ("-": stdout)')
    .option('--html <FILE>', 'write one self-contained HTML page: Gantt chart, utilization, durations, failures')
    .option('--joblog <FILE>', "write GNU parallel's --joblog format")
    .option('--markdown <FILE>', 'write a Markdown summary (as in the GitHub Action job summary)')
    .addHelpText('after', '\nFILE "-" is stdout; a symlink, FIFO or device is written through, not replaced.')
    .action((workdir: string, o: Omit<ReportArgs, 'workdir'>) => parsed({ workdir, ...o }));
}

/** Builds the report once and writes each requested form; without any, JSON to stdout. */
export function runReport(a: ReportArgs): number {
  for (const [flag, file] of [
    ['--json', a.json],
    ['--html', a.html],
    ['--joblog', a.joblog],
    ['--markdown', a.markdown],
  ] as const) {
    if (file !== undefined && file.trim() === '') throw new UsageError(`${flag} needs a file name`);
  }
  const { report, spans } = collectReport(a.workdir);
  const json = a.json ?? (a.html || a.joblog || a.markdown ? undefined : '-');
  if (json) writeOutput(json, '--json', reportJson(report));
  if (a.html) writeOutput(a.html, '--html', [renderHtml(report, spans, `taskfarmer report: ${a.workdir}`)]);
  if (a.joblog) writeOutput(a.joblog, '--joblog', joblogLines(report));
  if (a.markdown) writeOutput(a.markdown, '--markdown', [renderMarkdownSummary(report)]);
  return 0;
}

/**
 * The report as indented JSON, except the task list: one compact task a line, written piece by
 * piece, so 100k tasks take a few MB of output and no second copy of the whole text in memory.
 */
export function* reportJson(report: Report): Generator<string> {
  const { tasks, ...rest } = report;
  const mark = `"@@tasks-${process.pid}-${Date.now()}@@"`;
  const head = JSON.stringify({ ...rest, tasks: JSON.parse(mark) as string }, null, 2);
  const at = head.indexOf(mark);
  yield head.slice(0, at) + '[';
  for (let i = 0; i < tasks.length; i++) yield (i ? ',\n    ' : '\n    ') + JSON.stringify(tasks[i]);
  yield (tasks.length ? '\n  ]' : ']') + head.slice(at + mark.length) + '\n';
}

function writeOutput(path: string, flag: string, chunks: Iterable<string>): void {
  try {
    writeOutputFile(path, chunks);
  } catch (err) {
    if (isUsageError(err)) throw new UsageError(`${flag} ${path}: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    // `taskfarmer report DIR | head`: a reader that goes away is not an error.
    if (code === 'EPIPE') return;
    const where = path === '-' ? 'stdout' : path;
    throw new UsageError(`${flag} ${where} cannot be written (${code ?? 'error'})`);
  }
}

export interface StatusArgs {
  workdir: string;
  json: boolean;
  /** Refresh interval (ms) for `--watch`. */
  watch?: number;
}

/**
 * `taskfarmer status WORKDIR [--json] [--watch [SECONDS]]`: the snapshot, the longest-running
 * tasks and the last failures. With --watch, refreshes (in place on a terminal, one snapshot
 * after another otherwise, one JSON object a line with --json) until no task is left to run or
 * to finish, or until Ctrl-C.
 */
export async function runStatus(a: StatusArgs, out: (s: string) => void): Promise<number> {
  const render = () => {
    const snap = status(a.workdir);
    const details = statusDetails(a.workdir);
    const text = a.json
      ? JSON.stringify({ ...snap, ...details }, null, a.watch ? undefined : 2)
      : formatStatus(snap, details);
    return { text, done: snap.toProcess === 0 && snap.running === 0 && snap.queued === 0 };
  };
  if (!a.watch) {
    out(render().text);
    return 0;
  }
  const inPlace = process.stdout.isTTY === true && !a.json;
  let stopped = false;
  let wake = () => {};
  const onSignal = () => {
    stopped = true;
    wake();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (let first = true; ; first = false) {
      const { text, done } = render();
      if (inPlace) {
        const footer = done
          ? 'every task is done'
          : `refreshing every ${a.watch / 1000}s — Ctrl-C to stop (${new Date().toLocaleTimeString()})`;
        process.stdout.write(`\x1b[H\x1b[2J${text}\n\n${footer}\n`);
      } else out(a.json || first ? text : `\n${text}`);
      if (done || stopped) return 0;
      await new Promise<void>((res) => {
        const t = setTimeout(res, a.watch);
        wake = () => {
          clearTimeout(t);
          res();
        };
      });
      if (stopped) return 0;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
