import * as core from '@actions/core';
import { join } from 'node:path';
import type { FarmResult } from '../farm/options.js';
import type { Report } from '../report/report.js';
import { writeFileAtomic } from '../util/atomic.js';
import { layout } from '../workdir/layout.js';

/** The files the step leaves for later steps and uploads. */
export interface ResultFiles {
  workdir: string;
  finished: string;
  failed: string;
  timeline: string;
  logs: string;
  /** The JSON report (schemas/report.schema.json); the Action's own file, beside the protocol's. */
  report: string;
}

export function resultFiles(workdir: string): ResultFiles {
  const l = layout(workdir);
  return {
    workdir: l.dir,
    finished: l.finished,
    failed: l.failed,
    timeline: l.timeline,
    logs: l.logs,
    report: join(l.dir, 'report.json'),
  };
}

/** Counts and paths; set first, so that even a step cancelled while it reports has them. */
export function setResultOutputs(result: FarmResult, files: ResultFiles): void {
  core.setOutput('total', result.total);
  core.setOutput('finished', result.finished);
  core.setOutput('failed', result.failed);
  core.setOutput('remaining', result.remaining);
  core.setOutput('status', result.status);
  core.setOutput('workdir', files.workdir);
  core.setOutput('finished-list', files.finished);
  core.setOutput('failed-list', files.failed);
  core.setOutput('timeline', files.timeline);
}

/**
 * Writes the report whole or not at all (temp file, then rename): several jobs sharing the
 * workdir each write theirs, and a reader never sees half of one.
 */
export function writeReport(report: Report, files: ResultFiles): void {
  writeFileAtomic(files.report, JSON.stringify(report) + '\n');
  core.setOutput('report', files.report);
}
