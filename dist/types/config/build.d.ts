/** Validated configuration → the TasklistHandler objects farm() uses (runners: src/runners/registry.ts). */
import { type TasklistHandler } from '../tasklist/handlers.js';
import type { HandlerConfig } from './types.js';
/** Throws an Error (what is wrong with the template) for a template that cannot work. */
export declare function buildHandler(name: string, cfg: HandlerConfig): TasklistHandler;
