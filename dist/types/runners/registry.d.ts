import { type ApptainerRunnerConfig } from './apptainer.js';
import { type PodmanRunnerConfig } from './podman.js';
import { type ShellRunnerConfig } from './shell.js';
import { type ShifterRunnerConfig } from './shifter.js';
import { type SrunRunnerConfig } from './srun.js';
import type { Runner } from './types.js';
/**
 * Every runner type a configuration file may name. Adding a runner: its file (options type and
 * factory), one line here and one in FACTORIES, and its definition in schemas/config.schema.json.
 */
export type RunnerConfig = ShellRunnerConfig | ShifterRunnerConfig | PodmanRunnerConfig | ApptainerRunnerConfig | SrunRunnerConfig;
/** A configured runner (its options have passed the schema). */
export declare function buildRunner(name: string, cfg: RunnerConfig): Runner;
/** Resolves -r/--runner: the built-in `default` (shell), or a runner from the configuration. */
export declare function resolveRunner(name: string, configured?: Record<string, Runner>): Runner;
/**
 * A configured name that cannot be used (a PyTaskFarmer class with no equivalent): other
 * runners still work; selecting this one fails at preflight, before any task is claimed.
 */
export declare function unavailableRunner(name: string, reason: string): Runner;
