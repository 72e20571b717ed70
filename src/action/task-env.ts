/**
 * The environment the Action gives its tasks: the step's own, without what the runner hands
 * the action for itself. `ACTIONS_RUNTIME_TOKEN` and `ACTIONS_RESULTS_URL` upload artifacts
 * and caches; `ACTIONS_ID_TOKEN_REQUEST_*` mint OIDC tokens for cloud logins. A task that ran
 * `env` (or crashed printing its environment) put them in its log, and from there into the job
 * summary, annotations, report.json and the artifact. `run:` steps do not get them either.
 */
export function taskEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    // Every ACTIONS_* variable is the runner talking to actions (tokens, service URLs, debug
    // switches); none is meant for the commands a workflow runs.
    if (!name.toUpperCase().startsWith('ACTIONS_')) out[name] = value;
  }
  return out;
}
