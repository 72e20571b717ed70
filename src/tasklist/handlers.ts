import { UsageError } from '../util/errors.js';

/** Turns one tasklist line (trimmed, not blank, not a comment) into the command a runner runs. */
export type TasklistHandler = (line: string, id: number) => string;

/** PyTaskFarmer's ListTaskList: the line is the command. */
export const listHandler: TasklistHandler = (line) => line;

const builtins: Record<string, TasklistHandler> = {
  default: listHandler,
  list: listHandler,
};

/** Names accepted by -t/--tasklist before any configuration file is read. */
export function builtinHandlerNames(): string[] {
  return Object.keys(builtins);
}

/** Resolves a handler by name, or explains which names exist. */
export function resolveHandler(name: string, extra: Record<string, TasklistHandler> = {}): TasklistHandler {
  const handler = extra[name] ?? builtins[name];
  if (!handler) {
    const known = [...new Set([...Object.keys(builtins), ...Object.keys(extra)])].join(', ');
    throw new UsageError(`--tasklist: unknown tasklist handler "${name}" (known: ${known})`);
  }
  return handler;
}
