import * as core from '@actions/core';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { oneLine } from '../util/errors.js';
import type { ResultFiles } from './outputs.js';

export type UploadOutcome =
  | { kind: 'uploaded'; name: string; id?: number; size?: number; files: number }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'failed'; error: string };

/**
 * Why the artifact service cannot be used here, or undefined when it can: GitHub and
 * `act --artifact-server-path` give a step ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL;
 * @actions/artifact itself needs Node 22 or later.
 */
export function artifactServiceProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    return 'this runtime has no artifact service (no ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL)';
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) return `uploading needs Node 22 or later (this is Node ${process.versions.node})`;
  return undefined;
}

/** The lists, the report, the timeline and every log; paths inside the workdir, which is the artifact's root. */
export function artifactFiles(files: ResultFiles): string[] {
  const out = [files.finished, files.failed, files.report, files.timeline].filter((f) => existsSync(f));
  let logs: string[] = [];
  try {
    logs = readdirSync(files.logs).map((n) => join(files.logs, n));
  } catch {
    // no logs yet: nothing ran
  }
  return out.concat(logs);
}

/** Uploads the results; the library (and its dependencies) is loaded only now, only when it can run. */
export async function uploadResults(name: string, files: ResultFiles): Promise<UploadOutcome> {
  const problem = artifactServiceProblem();
  if (problem) return { kind: 'unavailable', reason: problem };
  const list = artifactFiles(files);
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const res = await new DefaultArtifactClient().uploadArtifact(name, list, files.workdir, {});
    return { kind: 'uploaded', name, id: res.id, size: res.size, files: list.length };
  } catch (err) {
    const error = oneLine(err);
    // Names are unique per workflow run: the usual cause is a matrix whose jobs share the default.
    const hint = /\(409\)|already exists/i.test(error)
      ? ' (artifact names must be unique in a workflow run; in a matrix set e.g. artifact-name: taskfarmer-${{ strategy.job-index }})'
      : '';
    return { kind: 'failed', error: error + hint };
  }
}

/** One line in the log (a notice when there is no service) and one for the summary. */
export function reportUpload(outcome: UploadOutcome, files: ResultFiles): string {
  const where =
    `the files stay in ${files.workdir} (finished, failed, report.json, timeline.json, logs/); ` +
    'upload them with actions/upload-artifact if you need them';
  switch (outcome.kind) {
    case 'uploaded': {
      const size = outcome.size === undefined ? '' : `, ${(outcome.size / 1024).toFixed(1)} KiB`;
      core.info(`taskfarmer: uploaded artifact ${outcome.name} (${outcome.files} files${size})`);
      return `Artifact \`${outcome.name}\` (${outcome.files} files): finished, failed, report.json, timeline.json and logs/.`;
    }
    case 'unavailable':
      core.notice(`Artifacts not uploaded: ${outcome.reason}; ${where}.`, { title: 'taskfarmer' });
      return `Artifacts not uploaded: ${outcome.reason}.`;
    case 'failed':
      core.warning(`Artifact upload failed: ${outcome.error}; ${where}.`, { title: 'taskfarmer' });
      return `Artifact upload failed: ${outcome.error}.`;
  }
}
