import type { ActionSettings } from './inputs.js';

/** CLI flags in the core's messages, and the Action inputs that set the same thing. */
const FLAG_TO_INPUT: Array<[RegExp, string]> = [
  [/--workdir\b/g, 'workdir input'],
  [/--proc\b/g, 'workers input'],
  [/--task-timeout\b/g, 'task-timeout input'],
  [/--timeout\b/g, 'timeout input'],
  [/--retries\b/g, 'retries input'],
  [/--runner\b/g, 'runner input'],
  [/--tasklist\b/g, 'tasklist-handler input'],
  [/--config\b/g, 'config input'],
];

/**
 * A message of the core (written for the CLI) as an Action user should read it: inputs, not
 * flags; and with inline `tasks`, "the tasks input" instead of the file they were written to.
 */
export function forAction(message: string, s: ActionSettings): string {
  let out = message;
  if (s.inlineTasks !== undefined) out = out.split(`tasklist ${s.farm.tasklist}`).join('the tasks input');
  for (const [flag, input] of FLAG_TO_INPUT) out = out.replace(flag, input);
  return out;
}
