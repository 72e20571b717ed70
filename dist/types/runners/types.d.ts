/** One command, or several joined with `&&`. */
export type Commands = string | string[];
/** `true`: a new directory under the system temp dir per task; a string: under that directory. */
export type TempdirOption = boolean | string;
/** What every runner's configuration may have (each runner's own type adds to it, in its file). */
export interface RunnerOptions {
    description?: string;
    setup?: Commands;
    env?: Record<string, string | number | boolean>;
}
/** What a runner turns a task into: an argv, never a string for a shell (the task itself aside). */
export interface RunSpec {
    file: string;
    args: string[];
    /** Added to the task's environment. */
    env?: Record<string, string>;
    cwd?: string;
}
/** What a runner knows of the attempt it builds a command for. */
export interface TaskContext {
    id: number;
    attempt: number;
    slot: number;
    workdir: string;
    /** Adds text to the attempt's output, whatever the log mode (after it ended, e.g. a kept temp dir). */
    note?(text: string): void;
}
/** The environment a task runs in: plain shell, a container, a Slurm job step… */
export interface Runner {
    readonly name: string;
    /** Checked once before any task is claimed; throws a UsageError (e.g. executable not found). */
    preflight?(): void;
    /** The command for one attempt; may prepare per-task resources (a temp dir). */
    command(task: string, ctx: TaskContext): RunSpec;
    /** After the attempt ended, whatever its outcome (e.g. remove its temp dir). */
    after?(ctx: TaskContext, ok: boolean): void;
}
