import type { TaskContext } from './types.js';
/** The first executable file called `name` on PATH (or `name` itself if it has a slash), else undefined. */
export declare function findExecutable(name: string, path?: string): string | undefined;
/** For preflight: the path of the runner's wrapper, or a one-line error naming the runner. */
export declare function requireExecutable(runner: string, name: string): string;
/** Setup commands as one `a && b` string, or undefined when there are none. */
export declare function joinSetup(setup: string | string[] | undefined): string | undefined;
/**
 * The script a shell runs for one task: `SETUP && { TASK }`. The braces keep the task's own
 * `;`, `||` and trailing comments from escaping the `&&` (so `setup && a; b` cannot run `b`
 * after a failed setup); the newline before `}` ends a trailing `# comment`.
 */
export declare function withSetup(setup: string | undefined, task: string): string;
/** Config env values (YAML may give numbers or booleans) as strings. */
export declare function envStrings(env: Record<string, string | number | boolean> | undefined): Record<string, string>;
/**
 * Per-attempt temporary directories: made before the attempt starts, removed after it
 * succeeded, kept after it failed or was stopped (the task's log then ends with the path).
 */
export declare class TaskTempDirs {
    private readonly option;
    private readonly dirs;
    /** `option`: true for the system temp dir, or a parent directory. */
    constructor(option: boolean | string);
    create(ctx: TaskContext): string;
    release(ctx: TaskContext, ok: boolean): void;
}
/**
 * Starts a clean-up command (remove a container, cancel a step) without waiting for it. It
 * gets its own process group, so a terminal's Ctrl-C does not cut it short, and it keeps the
 * farmer alive until it is done. Output is ignored, except stdout when `then` wants it.
 * execa is loaded here on first use: most farms never clean up, and start faster without it.
 */
export declare function runQuietly(file: string, args: string[], then?: (stdout: string) => void): void;
