import { readFileSync } from 'node:fs';

/**
 * The text of launcher.pl. Run from source (vitest, @github/local-action) it is read from
 * beside this file; the build (scripts/build.mjs) inlines it, so dist/ needs no separate file.
 */
const LAUNCHER: string = readFileSync(new URL('./launcher.pl', import.meta.url), 'utf8');
export default LAUNCHER;
