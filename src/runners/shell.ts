import { existsSync } from 'node:fs';
import { envStrings, joinSetup, requireExecutable, TaskTempDirs, withSetup } from './common.js';
import type { Runner, RunnerOptions, RunSpec, TaskContext, TempdirOption } from './types.js';

/** `type: 'shell'` in a configuration file (schemas/config.schema.json). */
export interface ShellRunnerConfig extends RunnerOptions {
  type: 'shell';
  tempdir?: TempdirOption;
  shell?: string;
}

/** bash if the machine has it (pipes, redirects, quotes, $VAR all work), else POSIX sh. */
export function defaultShell(): string {
  return existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

/**
 * The default runner: each task under `bash -c`, as GNU parallel and a user's terminal would
 * run it. Configured (`type: shell`), it adds setup commands, environment variables, a shell
 * of choice and a temporary working directory per task.
 */
export function shellRunner(name = 'default', cfg: Omit<ShellRunnerConfig, 'type'> = {}): Runner {
  const shell = cfg.shell ?? defaultShell();
  const setup = joinSetup(cfg.setup);
  const env = envStrings(cfg.env);
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : undefined;
  return {
    name,
    preflight: cfg.shell ? () => void requireExecutable(name, shell) : undefined,
    command(task: string, ctx: TaskContext): RunSpec {
      const spec: RunSpec = { file: shell, args: ['-c', withSetup(setup, task)] };
      if (Object.keys(env).length) spec.env = env;
      if (temp) spec.cwd = temp.create(ctx);
      return spec;
    },
    after: temp ? (ctx, ok) => temp.release(ctx, ok) : undefined,
  };
}
