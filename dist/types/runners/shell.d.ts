import type { Runner } from './types.js';
import type { ShellRunnerConfig } from '../config/types.js';
/** bash if the machine has it (pipes, redirects, quotes, $VAR all work), else POSIX sh. */
export declare function defaultShell(): string;
/**
 * The default runner: each task under `bash -c`, as GNU parallel and a user's terminal would
 * run it. Configured (`type: shell`), it adds setup commands, environment variables, a shell
 * of choice and a temporary working directory per task.
 */
export declare function shellRunner(name?: string, cfg?: Omit<ShellRunnerConfig, 'type'>): Runner;
