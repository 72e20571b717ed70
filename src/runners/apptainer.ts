import { envStrings, joinSetup, requireExecutable, TaskTempDirs, withSetup } from './common.js';
import type { Runner, RunnerOptions, RunSpec, TaskContext, TempdirOption } from './types.js';

/** `type: 'apptainer' | 'singularity'` in a configuration file (schemas/config.schema.json). */
export interface ApptainerRunnerConfig extends RunnerOptions {
  type: 'apptainer' | 'singularity';
  image: string;
  binds?: string[];
  gpu?: boolean;
  tempdir?: TempdirOption;
  args?: string[];
  executable?: string;
}

/**
 * Apptainer (or Singularity): each task in `apptainer exec [--nv] --bind… IMAGE /bin/bash -c
 * "SETUP && TASK"`. The host environment passes through (PROC_NUMBER included); configured
 * variables go as APPTAINERENV_NAME (SINGULARITYENV_NAME), which, unlike `--env A=1,B=2`,
 * carries any value, commas included. The container's processes stay in the task's process
 * group, so killing the group kills them.
 */
export function apptainerRunner(name: string, cfg: ApptainerRunnerConfig): Runner {
  const exe = cfg.executable ?? cfg.type;
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const prefix = cfg.type === 'singularity' ? 'SINGULARITYENV_' : 'APPTAINERENV_';
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(envStrings(cfg.env))) env[prefix + k] = v;
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : undefined;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
    },
    command(task: string, ctx: TaskContext): RunSpec {
      const args = ['exec'];
      if (cfg.gpu) args.push('--nv');
      for (const b of cfg.binds ?? []) args.push('--bind', b);
      if (temp) {
        const dir = temp.create(ctx);
        args.push('--bind', dir, '--pwd', dir);
      }
      args.push(...(cfg.args ?? []), cfg.image, '/bin/bash', '-c', withSetup(setup, task));
      const spec: RunSpec = { file, args };
      if (Object.keys(env).length) spec.env = env;
      return spec;
    },
    after: temp ? (ctx, ok) => temp.release(ctx, ok) : undefined,
  };
}
