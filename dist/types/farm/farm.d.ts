import type { FarmOptions, FarmResult } from './options.js';
/**
 * Runs a tasklist to completion (or until stopped) with N workers, sharing the workdir with any
 * other farmers on it. Resolves with counts and an exit code; throws only UsageError (bad
 * input, nothing changed). Process-wide signal handlers only with `handleSignals: true`.
 */
export declare function farm(options: FarmOptions): Promise<FarmResult>;
