import { UsageError } from '../util/errors.js';

/** Turns one tasklist line (trimmed, not blank, not a comment) into the command a runner runs. */
export type TasklistHandler = (line: string, id: number) => string;

/** PyTaskFarmer's ListTaskList: the line is the command. */
export const listHandler: TasklistHandler = (line) => line;

const builtins: Record<string, TasklistHandler> = {
  default: listHandler,
  list: listHandler,
};

const UNAVAILABLE = Symbol('taskfarmer.unavailable');

/**
 * A configured name that cannot be used (a PyTaskFarmer class with no equivalent): other
 * handlers still work; selecting this one is a UsageError with `reason`.
 */
export function unavailableHandler(reason: string): TasklistHandler {
  const handler = (() => {
    throw new UsageError(reason);
  }) as TasklistHandler & { [UNAVAILABLE]?: string };
  handler[UNAVAILABLE] = reason;
  return handler;
}

/** Resolves a handler by name, or explains which names exist. */
export function resolveHandler(name: string, extra: Record<string, TasklistHandler> = {}): TasklistHandler {
  const handler = extra[name] ?? builtins[name];
  const reason = (handler as { [UNAVAILABLE]?: string } | undefined)?.[UNAVAILABLE];
  if (reason) throw new UsageError(reason);
  if (!handler) {
    const known = [...new Set([...Object.keys(builtins), ...Object.keys(extra)])].join(', ');
    throw new UsageError(`--tasklist: unknown tasklist handler "${name}" (known: ${known})`);
  }
  return handler;
}
