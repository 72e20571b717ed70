import { type TasklistHandler } from '../tasklist/handlers.js';
import { type TaskState } from './state.js';
/**
 * The commands a farmer may run: the tasklist's, by id, and nothing else. `toprocess` and the
 * journals' `add` records also carry command text, but anyone who can write the workdir can
 * write those (a co-user made a root farmer run `touch /tmp/PWNED` that way). PyTaskFarmer
 * takes only ids from `toprocess`; so do we, and a workdir whose text for an id differs from
 * the tasklist's is refused. The tasklist itself was checked against the workdir's hash.
 */
export declare class TasklistTexts {
    readonly path: string;
    private readonly handler;
    private readonly lines;
    private count;
    /** Bytes of the tasklist parsed so far. */
    private bytes;
    constructor(path: string, handler: TasklistHandler);
    /** The tasks of the first `upTo` bytes of the tasklist (as read into `buf`). */
    load(buf: Buffer, upTo: number): void;
    /** How many tasks the tasklist has (as far as read). */
    get size(): number;
    /** The command of task `id` as the tasklist (through its handler) gives it; undefined if it has no such task. */
    command(id: number): string | undefined;
    /**
     * Reads the lines appended since (another farmer may have added them as tasks). Only whole
     * lines; a line that was still unfinished when the tasklist was first read is not one.
     */
    private extend;
}
/** Why the workdir's text for task `id` cannot be run, or undefined when it is the tasklist's. */
export declare function commandProblem(texts: TasklistTexts, id: number, text: string): string | undefined;
/** Every `<id> <task>` line of `toprocess` must be the tasklist's task `id`; a UsageError naming the line if not. */
export declare function checkToprocess(buf: Buffer, file: string, texts: TasklistTexts): void;
/** Every task the workdir's state holds (toprocess and journal records) must be the tasklist's. */
export declare function checkCommands(state: TaskState, texts: TasklistTexts, journals: string): void;
