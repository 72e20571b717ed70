import type { Runner, RunnerOptions, TempdirOption } from './types.js';
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
export declare function apptainerRunner(name: string, cfg: ApptainerRunnerConfig): Runner;
