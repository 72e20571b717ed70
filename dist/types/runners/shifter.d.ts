import type { ShifterRunnerConfig } from '../config/types.js';
import type { Runner } from './types.js';
/**
 * PyTaskFarmer's ShifterRunner: each task in its own Shifter container,
 * `shifter --image IMAGE [--workdir=TMP] -V… -m… -- /bin/bash -c "SETUP && TASK"`.
 * Shifter passes the environment through (PROC_NUMBER included); BASH_ENV is emptied, as
 * PyTaskFarmer does, so a host startup file does not run inside the image. Shifter execs the
 * task in place, so killing the task's process group kills the container's processes.
 */
export declare function shifterRunner(name: string, cfg: ShifterRunnerConfig): Runner;
