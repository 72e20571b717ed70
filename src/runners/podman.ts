import { randomBytes } from 'node:crypto';
import { envStrings, joinSetup, requireExecutable, runQuietly, TaskTempDirs, withSetup } from './common.js';
import type { Runner, RunnerOptions, RunSpec, TaskContext, TempdirOption } from './types.js';

/** `type: 'podman-hpc'` in a configuration file (schemas/config.schema.json). */
export interface PodmanRunnerConfig extends RunnerOptions {
  type: 'podman-hpc';
  image: string;
  volumes?: string[];
  gpu?: boolean;
  tempdir?: TempdirOption;
  args?: string[];
  executable?: string;
}

/**
 * NERSC's podman-hpc: each task in its own container,
 * `podman-hpc run --rm --name NAME [--gpu] -v… -e… IMAGE /bin/bash -c "SETUP && TASK"`.
 *
 * A container is not a child of the podman client: killing the client's process group stops
 * the client, and podman forwards SIGTERM, but a SIGKILLed client leaves its container
 * running. So every attempt's container has a name, and after an attempt that did not
 * succeed the runner removes it by force (`rm -f --ignore`, a no-op if it is gone already).
 */
export function podmanRunner(name: string, cfg: PodmanRunnerConfig): Runner {
  const exe = cfg.executable ?? 'podman-hpc';
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const env = envStrings(cfg.env);
  const temp = cfg.tempdir ? new TaskTempDirs(cfg.tempdir) : undefined;
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const containerName = (ctx: TaskContext) => `taskfarmer-${tag}-${ctx.id}-${ctx.attempt}`;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
    },
    command(task: string, ctx: TaskContext): RunSpec {
      const args = ['run', '--rm', '--name', containerName(ctx)];
      if (cfg.gpu) args.push('--gpu');
      for (const v of cfg.volumes ?? []) args.push('-v', v);
      if (temp) {
        const dir = temp.create(ctx);
        args.push('-v', `${dir}:${dir}`, '-w', dir);
      }
      for (const [k, v] of Object.entries(env)) args.push('-e', `${k}=${v}`);
      // A bare name (or NAME*) copies the value from podman's own environment, which the farm sets.
      args.push('-e', 'PROC_NUMBER', '-e', 'TASKFARMER_*');
      args.push(...(cfg.args ?? []), cfg.image, '/bin/bash', '-c', withSetup(setup, task));
      return { file, args };
    },
    after(ctx, ok) {
      temp?.release(ctx, ok);
      if (ok) return;
      runQuietly(file, ['rm', '-f', '--ignore', containerName(ctx)]);
    },
  };
}
