import * as core from '@actions/core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { farm } from '../farm/farm.js';
import type { FarmResult } from '../farm/options.js';
import { buildReport, type Report } from '../report/report.js';
import { writeFileAtomic } from '../util/atomic.js';
import { formatDuration } from '../util/duration.js';
import { isUsageError, oneLine, UsageError } from '../util/errors.js';
import { forAction } from './messages.js';
import { annotateFailures } from './annotations.js';
import { reportUpload, uploadResults } from './artifacts.js';
import type { ActionSettings } from './inputs.js';
import { resultFiles, setResultOutputs, writeReport } from './outputs.js';
import { Progress } from './progress.js';
import { taskEnvironment } from './task-env.js';
import { appendSummary, summaryMarkdown } from './summary.js';

/** GitHub shows about 10 error annotations per step; a failed step uses one for its own message. */
const ERROR_ANNOTATIONS = 10;

/** What the step knows of a cancellation (the runner's SIGINT, then SIGTERM 7.5 s later). */
export interface Cancellation {
  /** The first stop signal received, if any. */
  readonly signal: string | undefined;
  /** While set, a stop signal ends the process at once: outputs and summary are written by then. */
  uploading: boolean;
}

/**
 * The step: farm the tasklist, then outputs, report, summary, annotations, the step's
 * conclusion and the artifact. Outputs come first and the upload last, so a cancelled job
 * (which skips the upload) has everything else within the runner's grace period.
 */
export async function runStep(s: ActionSettings, cancel: Cancellation): Promise<void> {
  if (s.inlineTasks !== undefined) writeInlineTasklist(s.farm.tasklist, s.inlineTasks);
  if (cancel.signal) {
    core.setFailed(`cancelled (${cancel.signal}) before any task started`);
    return;
  }
  const progress = new Progress();
  // handleSignals: a cancelled job's SIGINT/SIGTERM put the tasks back (see watchCancellation in main.ts).
  const farmOptions = { ...s.farm, taskEnv: taskEnvironment(), onEvent: progress.onEvent, handleSignals: true };
  const result = await farm(farmOptions).catch((err: unknown) => {
    throw isUsageError(err) ? new UsageError(forAction(err.message, s)) : err;
  });
  progress.end();
  if (result.total === 0) {
    const input = s.inlineTasks !== undefined ? 'tasks' : 'tasklist';
    core.warning(`${input}: no task to run (only blank lines and # comments): nothing to do`, {
      title: 'taskfarmer',
    });
  }

  const files = resultFiles(result.workdir);
  setResultOutputs(result, files);
  let report: Report | undefined;
  try {
    report = buildReport(result.workdir);
    writeReport(report, files);
  } catch (err) {
    core.warning(`could not write the report: ${oneLine(err)}`, { title: 'taskfarmer' });
  }
  await appendSummary(summaryMarkdown(result, report, files, progress.workers));

  const failure = conclusion(result, s);
  annotateFailures(progress.failures, {
    budget: failure ? ERROR_ANNOTATIONS - 1 : ERROR_ANNOTATIONS,
    tasklist: s.tasklistInput,
    workspace: process.env.GITHUB_WORKSPACE,
    failedList: files.failed,
  });
  if (failure) core.setFailed(failure);
  else if (result.failed > 0) {
    core.warning(`${result.failed} of ${result.total} tasks failed (fail-on-task-failure is false)`, {
      title: 'taskfarmer',
    });
  } else core.info(`taskfarmer: all ${result.total} tasks finished`);

  if (!s.uploadArtifacts) return;
  const stopped = cancel.signal ?? (result.stopReason?.startsWith('signal:') ? result.stopReason.slice(7) : undefined);
  if (stopped) {
    core.notice(`Artifacts not uploaded: the job was cancelled (${stopped}); the files stay in ${files.workdir}.`, {
      title: 'taskfarmer',
    });
    return;
  }
  cancel.uploading = true;
  const outcome = await uploadResults(s.artifactName, files, s.uploadLogs);
  cancel.uploading = false;
  await appendSummary(reportUpload(outcome, files) + '\n');
}

/** The message the step fails with, or undefined when it succeeds. */
export function conclusion(r: FarmResult, s: ActionSettings): string | undefined {
  const failed = r.failed > 0 ? `; ${r.failed} failed` : '';
  if (r.status === 'incomplete') {
    const again = `${r.remaining} of ${r.total} tasks are left in toprocess${failed} — re-run the workflow to continue`;
    if (r.error) return `the workdir could not be written (${r.error}): ${again}`;
    if (r.stopReason === 'timeout') {
      return `stopped by the timeout input after ${formatDuration(s.farm.timeout ?? 0)}: ${again}`;
    }
    if (r.stopReason?.startsWith('signal:')) return `cancelled (${r.stopReason.slice(7)}): ${again}`;
    if (r.note)
      return `${r.note} — ${r.stopReason === 'walltime' ? 're-run the workflow to continue' : 'look at the failures, then re-run'}`;
    return `stopped early (${r.stopReason ?? 'unknown reason'}): ${again}`;
  }
  if (r.status === 'failed' && s.failOnTaskFailure) {
    return `${r.failed} of ${r.total} tasks failed (see the job summary; the list is in ${resultFiles(r.workdir).failed})`;
  }
  return undefined;
}

/**
 * Inline tasks go to a tasklist file whose name depends only on the workdir, so that a re-run
 * finds the same workdir; it is rewritten only when the tasks changed (appending is allowed).
 */
function writeInlineTasklist(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) return;
  } catch {
    // not written yet
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, text);
}
