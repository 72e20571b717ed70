/**
 * The text of launcher.pl. Run from source (vitest, @github/local-action) it is read from
 * beside this file; the build (scripts/build.mjs) inlines it, so dist/ needs no separate file.
 */
declare const LAUNCHER: string;
export default LAUNCHER;
