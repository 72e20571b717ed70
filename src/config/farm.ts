import type { FarmOptions } from '../farm/options.js';
import type { FarmConfig } from './types.js';

/** The farm options a configuration file may set (flags and Action inputs win over them). */
export type FarmDefaults = Pick<
  FarmOptions,
  'gpusPerWorker' | 'gpus' | 'cpusPerWorker' | 'maxFailures' | 'maxFailuresKill' | 'walltimeGuard'
>;

/** The `farm:` section (already schema-valid) as FarmOptions fields; keys not set stay unset. */
export function farmDefaults(c: FarmConfig): FarmDefaults {
  const out: FarmDefaults = {
    gpusPerWorker: c['gpus-per-worker'],
    gpus: Array.isArray(c.gpus) ? c.gpus.join(',') : c.gpus,
    cpusPerWorker: c['cpus-per-worker'],
    maxFailures: c['max-failures'],
    maxFailuresKill: c['max-failures-kill'],
    walltimeGuard: c['walltime-guard'],
  };
  for (const k of Object.keys(out) as Array<keyof FarmDefaults>) if (out[k] === undefined) delete out[k];
  return out;
}

/** Options from flags over defaults from the configuration: a flag not given leaves the default. */
export function withDefaults<T extends object>(defaults: FarmDefaults, options: T): FarmDefaults & T {
  const out = { ...options } as Record<string, unknown>;
  for (const [k, v] of Object.entries(defaults)) if (out[k] === undefined) out[k] = v;
  return out as FarmDefaults & T;
}
