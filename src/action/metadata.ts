import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** An input as action.yml declares it. */
export interface DeclaredInput {
  description: string;
  default: string;
}

/**
 * The action's own action.yml: found by walking up from this module, which is `dist/index.js`
 * in the bundle and `src/action/metadata.ts` when run from source (`@github/local-action`).
 */
export function actionFile(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'action.yml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`action.yml not found above ${from}: the action must be run from its repository`);
}

/**
 * The inputs declared in action.yml, in order. Their defaults are the only ones: the runner
 * fills them in, but `@github/local-action`, some `act` versions and hand runs leave an input
 * out of the environment, and then it takes the same default here.
 */
export function declaredInputs(file = actionFile()): Map<string, DeclaredInput> {
  const doc = parse(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { description?: string; default?: string | number | boolean }>;
  };
  const out = new Map<string, DeclaredInput>();
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    out.set(name, {
      description: input.description ?? '',
      default: input.default === undefined ? '' : String(input.default),
    });
  }
  return out;
}
