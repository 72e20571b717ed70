/**
 * The configuration file's document, as schemas/config.schema.json describes it. Values here
 * have passed the schema; runners and handlers are built from them in src/config/build.ts.
 */

/** One command, or several joined with `&&`. */
export type Commands = string | string[];

/** `true`: a new directory under the system temp dir per task; a string: under that directory. */
export type TempdirOption = boolean | string;

interface Common {
  description?: string;
  setup?: Commands;
  env?: Record<string, string | number | boolean>;
}

export interface ShellRunnerConfig extends Common {
  type: 'shell';
  tempdir?: TempdirOption;
  shell?: string;
}

export interface ShifterRunnerConfig extends Common {
  type: 'shifter';
  image: string;
  volumes?: string[];
  modules?: string[];
  tempdir?: TempdirOption;
  args?: string[];
  executable?: string;
}

export interface PodmanRunnerConfig extends Common {
  type: 'podman-hpc';
  image: string;
  volumes?: string[];
  gpu?: boolean;
  tempdir?: TempdirOption;
  args?: string[];
  executable?: string;
}

export interface ApptainerRunnerConfig extends Common {
  type: 'apptainer' | 'singularity';
  image: string;
  binds?: string[];
  gpu?: boolean;
  tempdir?: TempdirOption;
  args?: string[];
  executable?: string;
}

export interface SrunRunnerConfig extends Common {
  type: 'srun';
  args?: string[];
  shell?: string;
  executable?: string;
}

export type RunnerConfig =
  ShellRunnerConfig | ShifterRunnerConfig | PodmanRunnerConfig | ApptainerRunnerConfig | SrunRunnerConfig;

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
