import type { Runner } from '../runners/types.js';
import { type TasklistHandler } from '../tasklist/handlers.js';
import type { HandlerConfig, RunnerConfig } from './types.js';
export declare function buildRunner(name: string, cfg: RunnerConfig): Runner;
/** Throws an Error (what is wrong with the template) for a template that cannot work. */
export declare function buildHandler(name: string, cfg: HandlerConfig): TasklistHandler;
