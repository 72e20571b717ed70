import * as core from '@actions/core';
import { oneLine } from '../util/errors.js';
import { DEFAULT_CAPS, selectArtifactFiles, type ArtifactCaps, type UploadLogs } from './artifact-files.js';
import type { ResultFiles } from './outputs.js';

export type UploadOutcome =
  | {
      kind: 'uploaded';
      name: string;
      id?: number;
      size?: number;
      url?: string;
      files: number;
      logs: UploadLogs;
      leftOut: { files: number; bytes: number };
    }
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

/**
 * The artifact's page, formed as GitHub forms it (what actions/upload-artifact outputs):
 * SERVER/OWNER/REPO/actions/runs/RUN_ID/artifacts/ID. Undefined outside a workflow run.
 */
export function artifactUrl(id: number | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (id === undefined || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`;
}

/** Uploads the results; the library (and its dependencies) is loaded only now, only when it can run. */
export async function uploadResults(
  name: string,
  files: ResultFiles,
  logs: UploadLogs,
  caps: ArtifactCaps = DEFAULT_CAPS,
): Promise<UploadOutcome> {
  const problem = artifactServiceProblem();
  if (problem) return { kind: 'unavailable', reason: problem };
  const { files: list, leftOut } = selectArtifactFiles(files, logs, caps);
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const res = await new DefaultArtifactClient().uploadArtifact(name, list, files.workdir, {});
    const url = artifactUrl(res.id);
    return { kind: 'uploaded', name, id: res.id, size: res.size, url, files: list.length, logs, leftOut };
  } catch (err) {
    const error = oneLine(err);
    // Names are unique per workflow run: the usual cause is a matrix whose jobs share the default.
    const hint = /\(409\)|already exists/i.test(error)
      ? ' (artifact names must be unique in a workflow run; in a matrix set e.g. artifact-name: taskfarmer-${{ strategy.job-index }})'
      : '';
    return { kind: 'failed', error: error + hint };
  }
}

const LOGS: Record<UploadLogs, string> = {
  failed: "the failed tasks' logs",
  all: 'the logs',
  none: 'no logs',
};

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Outputs, one line in the log (a notice for what was left out or not uploaded) and one for the summary. */
export function reportUpload(outcome: UploadOutcome, files: ResultFiles, caps: ArtifactCaps = DEFAULT_CAPS): string {
  const where =
    `the files stay in ${files.workdir} (finished, failed, report.json, timeline.json, logs/); ` +
    'upload them with actions/upload-artifact if you need them';
  switch (outcome.kind) {
    case 'uploaded': {
      if (outcome.id !== undefined) core.setOutput('artifact-id', outcome.id);
      if (outcome.url) core.setOutput('artifact-url', outcome.url);
      const size = outcome.size === undefined ? '' : `, ${(outcome.size / 1024).toFixed(1)} KiB`;
      core.info(
        `taskfarmer: uploaded artifact ${outcome.name} (${outcome.files} files${size})` +
          (outcome.url ? `: ${outcome.url}` : ''),
      );
      let cut = '';
      if (outcome.leftOut.files > 0) {
        cut =
          `${outcome.leftOut.files} log(s) (${mib(outcome.leftOut.bytes)}) were left out: an artifact holds at most ` +
          `${caps.maxLogs} logs and ${mib(caps.maxLogBytes)} of logs; they stay in ${files.logs}`;
        core.notice(`Artifact ${outcome.name}: ${cut}.`, { title: 'taskfarmer' });
      }
      const name = outcome.url ? `[\`${outcome.name}\`](${outcome.url})` : `\`${outcome.name}\``;
      return (
        `Artifact ${name} (${outcome.files} files): finished, failed, report.json, timeline.json and ` +
        `${LOGS[outcome.logs]}${cut ? `; ${cut}` : ''}.`
      );
    }
    case 'unavailable':
      core.notice(`Artifacts not uploaded: ${outcome.reason}; ${where}.`, { title: 'taskfarmer' });
      return `Artifacts not uploaded: ${outcome.reason}.`;
    case 'failed':
      core.warning(`Artifact upload failed: ${outcome.error}; ${where}.`, { title: 'taskfarmer' });
      return `Artifact upload failed: ${outcome.error}.`;
  }
}
