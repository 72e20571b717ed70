import * as core from '@actions/core';
import { isUsageError, oneLine } from '../util/errors.js';
import { readInputs } from './inputs.js';
import { runStep, type Cancellation } from './step.js';

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * The Action: inputs → the same farm() as the CLI → outputs, summary, annotations, artifact.
 * Every error ends as one `core.setFailed` message; nothing is thrown to the runner.
 */
export async function run(): Promise<void> {
  const cancel = watchCancellation();
  try {
    await runStep(readInputs(), cancel);
  } catch (err) {
    if (isUsageError(err)) core.setFailed(err.message);
    else {
      core.setFailed(`internal error: ${oneLine(err)}`);
      if (err instanceof Error && err.stack) core.debug(err.stack);
    }
  } finally {
    cancel.dispose();
  }
}

/**
 * While the farm runs, it handles SIGINT/SIGTERM itself (tasks killed and put back). These
 * listeners keep Node from dying of the runner's second signal while the step writes its
 * outputs and summary afterwards, and end an artifact upload that a cancel interrupts.
 */
function watchCancellation(): Cancellation & { dispose(): void } {
  const state = {
    signal: undefined as string | undefined,
    uploading: false,
    dispose: () => {
      for (const sig of STOP_SIGNALS) process.off(sig, onSignal);
    },
  };
  const onSignal = (sig: NodeJS.Signals) => {
    state.signal ??= sig;
    if (state.uploading) {
      core.warning(`cancelled (${sig}) during the artifact upload; the results stay in the workdir`);
      process.exit(process.exitCode ?? 1);
    }
  };
  for (const sig of STOP_SIGNALS) process.on(sig, onSignal);
  return state;
}
