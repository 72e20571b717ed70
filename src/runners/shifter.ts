import { envStrings, joinSetup, requireExecutable, TaskTempDirs, withSetup } from './common.js';
import type { Runner, RunnerOptions, RunSpec, TaskContext, TempdirOption } from './types.js';

/** `type: 'shifter'` in a configuration file (schemas/config.schema.json). */
export interface ShifterRunnerConfig extends RunnerOptions {
  type: 'shifter';
  image: string;
  volumes?: string[];
  modules?: string[];
  tempdir?: TempdirOption;
  args?: string[];
  executable?: string;
}

/**
 * PyTaskFarmer's ShifterRunner: each task in its own Shifter container,
 * `shifter --image IMAGE [--workdir=TMP] -V… -m… -- /bin/bash -c "SETUP && TASK"`.
 * Shifter passes the environment through (PROC_NUMBER included); BASH_ENV is emptied, as
 * PyTaskFarmer does, so a host startup file does not run inside the image. Shifter execs the
 * task in place, so killing the task's process group kills the container's processes.
 */
export function shifterRunner(name: string, cfg: ShifterRunnerConfig): Runner {
  const exe = cfg.executable ?? 'shifter';
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const env = { ...envStrings(cfg.env), BASH_ENV: '' };
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : undefined;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
    },
    command(task: string, ctx: TaskContext): RunSpec {
      const args = ['--image', cfg.image];
      if (temp) args.push(`--workdir=${temp.create(ctx)}`);
      for (const v of cfg.volumes ?? []) args.push(`-V${v}`);
      for (const m of cfg.modules ?? []) args.push(`-m${m}`);
      args.push(...(cfg.args ?? []), '--', '/bin/bash', '-c', withSetup(setup, task));
      return { file, args, env };
    },
    after: temp ? (ctx, ok) => temp.release(ctx, ok) : undefined,
  };
}
