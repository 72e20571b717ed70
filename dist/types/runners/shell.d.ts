import type { Runner, RunnerOptions, TempdirOption } from './types.js';
/** `type: 'shell'` in a configuration file (schemas/config.schema.json). */
export interface ShellRunnerConfig extends RunnerOptions {
    type: 'shell';
    tempdir?: TempdirOption;
    shell?: string;
}
/** bash if the machine has it (pipes, redirects, quotes, $VAR all work), else POSIX sh. */
export declare function defaultShell(): string;
/**
 * The default runner: each task under `bash -c`, as GNU parallel and a user's terminal would
 * run it. Configured (`type: shell`), it adds setup commands, environment variables, a shell
 * of choice and a temporary working directory per task.
 */
export declare function shellRunner(name?: string, cfg?: Omit<ShellRunnerConfig, 'type'>): Runner;
