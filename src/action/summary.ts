import * as core from '@actions/core';
import { hostname } from 'node:os';
import type { FarmResult } from '../farm/options.js';
import { renderMarkdownSummary } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import { formatDuration } from '../util/duration.js';
import type { ResultFiles } from './outputs.js';

/** GitHub refuses a step summary over 1 MiB; the report part stays well under it. */
const REPORT_BYTES = 512 * 1024;

/** True when the runtime gives the step a job summary file. */
export const hasSummary = () => Boolean(process.env.GITHUB_STEP_SUMMARY);

/** The job summary: the workdir's report (counts, durations, failed tasks with log tails, slowest tasks), then this job's part. */
export function summaryMarkdown(
  result: FarmResult,
  report: Report | undefined,
  files: ResultFiles,
  workers: number,
): string {
  const parts: string[] = [];
  if (report) {
    parts.push(renderMarkdownSummary(report, { title: 'taskfarmer', maxBytes: REPORT_BYTES }));
  } else {
    parts.push(
      '## taskfarmer\n',
      `**${result.finished}** finished, **${result.failed}** failed, **${result.remaining}** not done of ${result.total} tasks.\n`,
    );
  }
  parts.push('### This job\n');
  if (result.status === 'incomplete') {
    const why = result.error
      ? `the workdir could not be written (${result.error})`
      : result.stopReason === 'timeout'
        ? 'the `timeout` input ran out'
        : result.stopReason?.startsWith('signal:')
          ? `${result.stopReason.slice(7)} (the job was cancelled or timed out)`
          : (result.stopReason ?? 'stopped');
    parts.push(
      `⏸️ Stopped early: ${why}. **${result.remaining}** task(s) are back in \`toprocess\`; ` +
        're-run the workflow (same workdir) to continue where this run stopped.\n',
    );
  }
  const r = result.ran;
  parts.push(
    `On \`${hostname()}\` with ${workers} workers for ${formatDuration(result.durationMs)}, this job ran ` +
      `${r.done} task(s) to the end, ${r.failed} failed` +
      (r.retried ? `, ${r.retried} failed attempt(s) retried` : '') +
      (r.stopped ? `, ${r.stopped} stopped and put back` : '') +
      '.\n',
    `Workdir \`${files.workdir}\`; report \`${files.report}\`; timeline \`${files.timeline}\` (open it in Perfetto).\n`,
  );
  return parts.join('\n');
}

/** Appends to the job summary; without one (a hand run), does nothing. */
export async function appendSummary(markdown: string): Promise<void> {
  if (!hasSummary()) return;
  await core.summary.addRaw(markdown, true).write();
}
