import type { Runner } from '../runners/types.js';
import { type TasklistHandler } from '../tasklist/handlers.js';
import type { HandlerConfig, RunnerConfig } from './types.js';
import { type FarmDefaults } from './farm.js';
import type { LogMode } from '../workdir/tasklog.js';
import { type Found, type LoadOptions } from './files.js';
export type { LoadOptions } from './files.js';
/** Where a definition came from, for `config check` and for error messages. */
export interface Definition<T> {
    config?: T;
    /** Why it cannot be used (a PyTaskFarmer class with no equivalent); set instead of config. */
    unavailable?: string;
    /** `FILE:LINE`. */
    source: string;
}
export interface LoadedConfig {
    runners: Record<string, Runner>;
    handlers: Record<string, TasklistHandler>;
    /** Every file read, in order (later ones override earlier ones). */
    sources: string[];
    runnerDefinitions: Record<string, Definition<RunnerConfig>>;
    handlerDefinitions: Record<string, Definition<HandlerConfig>>;
    /** The `farm:` sections' options (later files override earlier ones, key by key). */
    farm: FarmDefaults;
    /** Where task output goes, from the last file that says (`logs:`). */
    logs?: LogMode;
}
/**
 * Reads every configuration file (`files`: as configFiles(opts) finds them, if already known);
 * throws one UsageError listing every problem found.
 */
export declare function loadConfig(opts?: LoadOptions, files?: Found[]): LoadedConfig;
