import type { Runner } from './types.js';
/** Resolves -r/--runner: the built-in `default` (shell), or a runner from the configuration. */
export declare function resolveRunner(name: string, configured?: Record<string, Runner>): Runner;
/**
 * A configured name that cannot be used (a PyTaskFarmer class with no equivalent): other
 * runners still work; selecting this one fails at preflight, before any task is claimed.
 */
export declare function unavailableRunner(name: string, reason: string): Runner;
