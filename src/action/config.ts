import { loadConfig } from '../config/load.js';
import type { Runner } from '../runners/types.js';
import type { TasklistHandler } from '../tasklist/handlers.js';
import type { LogMode } from '../workdir/tasklog.js';

/**
 * The runners and tasklist handlers the step may name: the same configuration files the CLI
 * reads (~/.pytaskfarmer, ~/.taskfarmer, then the `config` input, else ./taskfarmer.yml in the
 * workspace). Throws a UsageError listing every problem, one per line.
 */
export function loadActionConfig(file: string | undefined): {
  runners: Record<string, Runner>;
  handlers: Record<string, TasklistHandler>;
  logs?: LogMode;
} {
  const { runners, handlers, logs } = loadConfig({ file });
  return { runners, handlers, logs };
}
