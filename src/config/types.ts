/**
 * The configuration file's document, as schemas/config.schema.json describes it. Values here
 * have passed the schema; runners are built by src/runners/registry.ts, handlers in src/config/build.ts.
 */

// Each runner's options live with the runner (src/runners/), its type in the table of
// src/runners/registry.ts; they are re-exported here as part of the configuration document.
import type { RunnerConfig } from '../runners/registry.js';
export type { RunnerConfig } from '../runners/registry.js';
export type { Commands, TempdirOption } from '../runners/types.js';
export type { ShellRunnerConfig } from '../runners/shell.js';
export type { ShifterRunnerConfig } from '../runners/shifter.js';
export type { PodmanRunnerConfig } from '../runners/podman.js';
export type { ApptainerRunnerConfig } from '../runners/apptainer.js';
export type { SrunRunnerConfig } from '../runners/srun.js';

export interface ListHandlerConfig {
  type: 'list';
  description?: string;
}

export interface TemplateHandlerConfig {
  type: 'template';
  description?: string;
  command: string;
  fields?: string[];
  separator?: 'whitespace' | 'csv';
  quote?: boolean;
}

export type HandlerConfig = ListHandlerConfig | TemplateHandlerConfig;

/** The `farm:` section: defaults for farm options, under their flag names. */
export interface FarmConfig {
  'gpus-per-worker'?: number;
  gpus?: string | Array<string | number>;
  'cpus-per-worker'?: number;
  'max-failures'?: number;
  'max-failures-kill'?: boolean;
  'walltime-guard'?: boolean;
}

export interface ConfigDocument {
  /** Where task output goes, unless `--logs` (or the `logs` Action input) says. */
  logs?: 'per-task' | 'per-worker' | 'none';
  runners?: Record<string, RunnerConfig>;
  tasklists?: Record<string, HandlerConfig>;
  farm?: FarmConfig;
}
