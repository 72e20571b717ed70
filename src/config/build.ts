/** Validated configuration → the TasklistHandler objects farm() uses (runners: src/runners/registry.ts). */
import { listHandler, type TasklistHandler } from '../tasklist/handlers.js';
import { templateHandler } from '../tasklist/template.js';
import type { HandlerConfig } from './types.js';

/** Throws an Error (what is wrong with the template) for a template that cannot work. */
export function buildHandler(name: string, cfg: HandlerConfig): TasklistHandler {
  return cfg.type === 'template' ? templateHandler(name, cfg) : listHandler;
}
