import { UsageError } from '../util/errors.js';
import { shellRunner } from './shell.js';
import type { Runner } from './types.js';

/** Resolves -r/--runner: the built-in `default` (shell), or a runner from the configuration. */
export function resolveRunner(name: string, configured: Record<string, Runner> = {}): Runner {
  if (configured[name]) return configured[name];
  if (name === 'default' || name === 'shell') return shellRunner();
  const known = [...new Set(['default', ...Object.keys(configured)])].join(', ');
  throw new UsageError(`--runner: unknown runner "${name}" (known: ${known})`);
}

/**
 * A configured name that cannot be used (a PyTaskFarmer class with no equivalent): other
 * runners still work; selecting this one fails at preflight, before any task is claimed.
 */
export function unavailableRunner(name: string, reason: string): Runner {
  return {
    name,
    preflight() {
      throw new UsageError(reason);
    },
    command() {
      throw new UsageError(reason);
    },
  };
}
