import type { Runner, RunnerOptions } from './types.js';
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
export declare function srunRunner(name: string, cfg: SrunRunnerConfig): Runner;
