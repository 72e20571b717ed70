import { type ResourceProbes } from './resources.js';
export declare function machineProbes(env?: NodeJS.ProcessEnv): ResourceProbes;
/** taskset (util-linux), which binds each slot's launcher to its cores. */
export declare function requireTaskset(): string;
/** `squeue -h -j JOB -o %L`: the job's time left (`1-02:03:04`, `UNLIMITED`…), or undefined. */
export declare function slurmTimeLeft(job: string): string | undefined;
