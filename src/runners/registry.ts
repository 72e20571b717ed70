import { UsageError } from '../util/errors.js';
import { apptainerRunner, type ApptainerRunnerConfig } from './apptainer.js';
import { podmanRunner, type PodmanRunnerConfig } from './podman.js';
import { shellRunner, type ShellRunnerConfig } from './shell.js';
import { shifterRunner, type ShifterRunnerConfig } from './shifter.js';
import { srunRunner, type SrunRunnerConfig } from './srun.js';
import type { Runner } from './types.js';

/**
 * Every runner type a configuration file may name. Adding a runner: its file (options type and
 * factory), one line here and one in FACTORIES, and its definition in schemas/config.schema.json.
 */
export type RunnerConfig =
  ShellRunnerConfig | ShifterRunnerConfig | PodmanRunnerConfig | ApptainerRunnerConfig | SrunRunnerConfig;

type Factories = { [T in RunnerConfig['type']]: (name: string, cfg: Extract<RunnerConfig, { type: T }>) => Runner };

const FACTORIES: Factories = {
  shell: shellRunner,
  shifter: shifterRunner,
  'podman-hpc': podmanRunner,
  apptainer: apptainerRunner,
  singularity: apptainerRunner,
  srun: srunRunner,
};

/** A configured runner (its options have passed the schema). */
export function buildRunner(name: string, cfg: RunnerConfig): Runner {
  const make = FACTORIES[cfg.type] as (name: string, cfg: RunnerConfig) => Runner;
  return make(name, cfg);
}

/** Resolves -r/--runner: the built-in `default` (shell), or a runner from the configuration. */
export function resolveRunner(name: string, configured: Record<string, Runner> = {}): Runner {
  if (configured[name]) return configured[name];
  if (name === 'default' || name === 'shell') return shellRunner();
  const known = [...new Set(['default', ...Object.keys(configured)])].join(', ');
  throw new UsageError(`--runner: unknown runner "${name}" (known: ${known})`);
}

/**
 * A configured name that cannot be used (a PyTaskFarmer class with no equivalent): other
 * runners still work; selecting this one fails at preflight, before any task is claimed.
 */
export function unavailableRunner(name: string, reason: string): Runner {
  return {
    name,
    preflight() {
      throw new UsageError(reason);
    },
    command() {
      throw new UsageError(reason);
    },
  };
}
