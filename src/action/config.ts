import type { FarmDefaults } from '../config/farm.js';
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
  farm: FarmDefaults;
  logs?: LogMode;
} {
  const { runners, handlers, farm, logs } = loadConfig({ file });
  return { runners, handlers, farm, logs };
}
