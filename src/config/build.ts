/** Validated configuration → the Runner and TasklistHandler objects farm() uses. */
import { apptainerRunner } from '../runners/apptainer.js';
import { podmanRunner } from '../runners/podman.js';
import { shellRunner } from '../runners/shell.js';
import { shifterRunner } from '../runners/shifter.js';
import { srunRunner } from '../runners/srun.js';
import type { Runner } from '../runners/types.js';
import { listHandler, type TasklistHandler } from '../tasklist/handlers.js';
import { templateHandler } from '../tasklist/template.js';
import type { HandlerConfig, RunnerConfig } from './types.js';

export function buildRunner(name: string, cfg: RunnerConfig): Runner {
  switch (cfg.type) {
    case 'shell':
      return shellRunner(name, cfg);
    case 'shifter':
      return shifterRunner(name, cfg);
    case 'podman-hpc':
      return podmanRunner(name, cfg);
    case 'apptainer':
    case 'singularity':
      return apptainerRunner(name, cfg);
    case 'srun':
      return srunRunner(name, cfg);
  }
}

/** Throws an Error (what is wrong with the template) for a template that cannot work. */
export function buildHandler(name: string, cfg: HandlerConfig): TasklistHandler {
  return cfg.type === 'template' ? templateHandler(name, cfg) : listHandler;
}
