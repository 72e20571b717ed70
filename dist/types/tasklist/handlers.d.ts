/** Turns one tasklist line (trimmed, not blank, not a comment) into the command a runner runs. */
export type TasklistHandler = (line: string, id: number) => string;
/** PyTaskFarmer's ListTaskList: the line is the command. */
export declare const listHandler: TasklistHandler;
/**
 * A configured name that cannot be used (a PyTaskFarmer class with no equivalent): other
 * handlers still work; selecting this one is a UsageError with `reason`.
 */
export declare function unavailableHandler(reason: string): TasklistHandler;
/** Resolves a handler by name, or explains which names exist. */
export declare function resolveHandler(name: string, extra?: Record<string, TasklistHandler>): TasklistHandler;
