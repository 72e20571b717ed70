/**
 * What the farmer asks the machine (its CPU affinity, its GPUs, its Slurm time limit): the
 * I/O behind the pure rules of resources.ts and walltime.ts, asked once at start-up.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findExecutable } from '../runners/common.js';
import { UsageError } from '../util/errors.js';
import { cpusAllowed, type ResourceProbes } from './resources.js';

export function machineProbes(env: NodeJS.ProcessEnv = process.env): ResourceProbes {
  return {
    env,
    cpuMask: () => {
      try {
        return cpusAllowed(readFileSync('/proc/self/status', 'utf8'));
      } catch {
        return undefined;
      }
    },
    nvidiaSmi: () => run('nvidia-smi', ['-L']),
  };
}

/** taskset (util-linux), which binds each slot's launcher to its cores. */
export function requireTaskset(): string {
  const found = findExecutable('taskset');
  if (!found) throw new UsageError('--cpus-per-worker needs taskset (util-linux) on PATH');
  return found;
}

/** `squeue -h -j JOB -o %L`: the job's time left (`1-02:03:04`, `UNLIMITED`…), or undefined. */
export function slurmTimeLeft(job: string): string | undefined {
  return run('squeue', ['-h', '-j', job, '-o', '%L'])?.trim();
}

/** A short command's stdout, or undefined when it is missing, fails or hangs. */
function run(name: string, args: string[]): string | undefined {
  const file = findExecutable(name);
  if (!file) return undefined;
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}
