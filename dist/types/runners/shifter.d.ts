import type { Runner, RunnerOptions, TempdirOption } from './types.js';
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
export declare function shifterRunner(name: string, cfg: ShifterRunnerConfig): Runner;
