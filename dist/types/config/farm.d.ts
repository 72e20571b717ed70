import type { FarmOptions } from '../farm/options.js';
import type { FarmConfig } from './types.js';
/** The farm options a configuration file may set (flags and Action inputs win over them). */
export type FarmDefaults = Pick<FarmOptions, 'gpusPerWorker' | 'gpus' | 'cpusPerWorker' | 'maxFailures' | 'maxFailuresKill' | 'walltimeGuard'>;
/** The `farm:` section (already schema-valid) as FarmOptions fields; keys not set stay unset. */
export declare function farmDefaults(c: FarmConfig): FarmDefaults;
/** Options from flags over defaults from the configuration: a flag not given leaves the default. */
export declare function withDefaults<T extends object>(defaults: FarmDefaults, options: T): FarmDefaults & T;
