import { randomBytes } from 'node:crypto';
import { UsageError } from '../util/errors.js';
import { envStrings, findExecutable, joinSetup, requireExecutable, runQuietly, withSetup } from './common.js';
import type { Runner, RunnerOptions, RunSpec, TaskContext } from './types.js';

/** `type: 'srun'` in a configuration file (schemas/config.schema.json). */
export interface SrunRunnerConfig extends RunnerOptions {
  type: 'srun';
  args?: string[];
  shell?: string;
  executable?: string;
}

/**
 * Each task as a Slurm job step of the current allocation, placed by Slurm:
 * `srun --exclusive -N1 -n1 --job-name=NAME [ARGS…] /bin/bash -c "SETUP && TASK"`. srun passes
 * the environment on to the step (PROC_NUMBER included).
 *
 * Stopping: on SIGTERM srun has Slurm end the step, wherever it runs. A SIGKILLed srun (a
 * second stop signal, or srun stuck past the grace period) tells nobody, and its step would
 * run on; so after an attempt that did not succeed, the runner looks the step up by its name
 * (`squeue --steps`) and cancels it (`scancel`).
 */
export function srunRunner(name: string, cfg: SrunRunnerConfig): Runner {
  const exe = cfg.executable ?? 'srun';
  let file = exe;
  const setup = joinSetup(cfg.setup);
  const env = envStrings(cfg.env);
  const shell = cfg.shell ?? '/bin/bash';
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const stepName = (ctx: TaskContext) => `taskfarmer-${tag}-${ctx.id}-${ctx.attempt}`;
  return {
    name,
    preflight() {
      file = requireExecutable(name, exe);
      if (!process.env.SLURM_JOB_ID) {
        throw new UsageError(
          `runner "${name}": srun runs tasks as steps of a Slurm allocation, but SLURM_JOB_ID is not set (run the farm inside salloc or sbatch)`,
        );
      }
    },
    command(task: string, ctx: TaskContext): RunSpec {
      const args = ['--exclusive', '-N1', '-n1', `--job-name=${stepName(ctx)}`, ...(cfg.args ?? [])];
      args.push(shell, '-c', withSetup(setup, task));
      const spec: RunSpec = { file, args };
      if (Object.keys(env).length) spec.env = env;
      return spec;
    },
    after(ctx, ok) {
      const job = process.env.SLURM_JOB_ID;
      const squeue = findExecutable('squeue');
      const scancel = findExecutable('scancel');
      if (ok || !job || !squeue || !scancel) return;
      // squeue's --name filters jobs, not steps: list the job's steps and match the name here.
      const query = ['--noheader', '--steps', `--jobs=${job}`, '--format=%i %j'];
      const want = stepName(ctx);
      runQuietly(squeue, query, (out) => {
        const steps = out
          .split('\n')
          .map((l) => l.trim().split(/\s+/))
          .filter(([id, n]) => /^\d+\.\d+$/.test(id) && n === want)
          .map(([id]) => id);
        if (steps.length) runQuietly(scancel, steps);
      });
    },
  };
}
