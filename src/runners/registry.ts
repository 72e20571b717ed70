import { UsageError } from '../util/errors.js';
import { shellRunner } from './shell.js';
import type { Runner } from './types.js';

/** Resolves -r/--runner: the built-in `default` (shell), or a runner from the configuration. */
export function resolveRunner(name: string, configured: Record<string, Runner> = {}): Runner {
  if (configured[name]) return configured[name];
  if (name === 'default' || name === 'shell') return shellRunner();
  const known = ['default', ...Object.keys(configured)].join(', ');
  throw new UsageError(`--runner: unknown runner "${name}" (known: ${known})`);
}
