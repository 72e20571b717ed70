import { availableParallelism } from 'node:os';
import type { CpuBinding } from '../runners/launcher.js';
import { resolveRunner } from '../runners/registry.js';
import type { Runner } from '../runners/types.js';
import { failureBudget, type FailureBudget } from './failure-budget.js';
import { machineProbes, requireTaskset } from './machine.js';
import type { FarmOptions } from './options.js';
import { planResources } from './resources.js';

/** FarmOptions with the defaults filled in. */
export type Settings = Required<
  Pick<FarmOptions, 'workers' | 'retries' | 'lease' | 'lockStale' | 'killGrace' | 'fsWait'>
> &
  FarmOptions;

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
export function setUp(options: FarmOptions): Setup {
  // Resources first: -n defaults to what they allow.
  const plan = planResources(options, machineProbes());
  const budget = failureBudget(options.maxFailures, options.maxFailuresKill);
  const settings: Settings = {
    ...options,
    workers: plan.workers ?? options.workers ?? availableParallelism(),
    retries: options.retries ?? 0,
    lease: options.lease ?? 60_000,
    lockStale: options.lockStale ?? 30_000,
    killGrace: options.killGrace ?? 1_000,
    fsWait: options.fsWait ?? 300_000,
  };
  const runner =
    typeof options.runner === 'object' ? options.runner : resolveRunner(options.runner ?? 'default', options.runners);
  const slots = Array.from({ length: settings.workers }, (_, i) => plan.slots[i]);
  const taskset = slots.some((s) => s?.cpus) ? requireTaskset() : undefined;
  return {
    options: settings,
    runner,
    budget,
    baseEnv: { ...(options.taskEnv ?? process.env) },
    slotEnv: slots.map((s) => s?.env ?? {}),
    bindings: slots.map((s) => (s?.cpus && taskset ? { cpus: s.cpus, taskset } : undefined)),
  };
}
