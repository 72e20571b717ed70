import { type TasklistHandler } from '../tasklist/handlers.js';
import { type TaskState } from './state.js';
import { UsageError } from '../util/errors.js';
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
/**
 * Records read while farming that give a command to a task the tasklist does not have
 * (someone else wrote them into a journal): the first one is kept, and the farm stops at its
 * next check rather than run anything more.
 */
export declare class ForeignCommands {
    private readonly texts;
    private readonly journals;
    private problem;
    constructor(texts: TasklistTexts, journals: string);
    /** A record read gave task `id` the command `task`. */
    seen(id: number, task: string): void;
    /** The refusal of what was seen since the last call, if anything. */
    take(): UsageError | undefined;
}
/** A journal's record gave a task a command that is not the tasklist's. */
export declare function refusal(journals: string, problem: string | undefined): UsageError;
/** Every `<id> <task>` line of `toprocess` must be the tasklist's task `id`; a UsageError naming the line if not. */
export declare function checkToprocess(buf: Buffer, file: string, texts: TasklistTexts): void;
/** Every task the workdir's state holds (toprocess and journal records) must be the tasklist's. */
export declare function checkCommands(state: TaskState, texts: TasklistTexts, journals: string): void;
