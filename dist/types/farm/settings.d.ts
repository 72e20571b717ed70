import type { CpuBinding } from '../runners/launcher.js';
import type { Runner } from '../runners/types.js';
import { type FailureBudget } from './failure-budget.js';
import type { FarmOptions } from './options.js';
/** FarmOptions with the defaults filled in. */
export type Settings = Required<Pick<FarmOptions, 'workers' | 'retries' | 'lease' | 'lockStale' | 'killGrace' | 'fsWait'>> & FarmOptions;
export interface Setup {
    options: Settings;
    runner: Runner;
    budget: FailureBudget | undefined;
    /** The environment every task starts from. */
    baseEnv: NodeJS.ProcessEnv;
    /** Per slot: its GPUs and cores, as its tasks see them. */
    slotEnv: Array<Record<string, string>>;
    /** Per slot: the cores its launcher binds (--cpus-per-worker). */
    bindings: Array<CpuBinding | undefined>;
}
/**
 * Everything decided before the workdir is touched: a bad option, or resources the machine does
 * not have, is a UsageError here (exit 2), with nothing written.
 */
export declare function setUp(options: FarmOptions): Setup;
