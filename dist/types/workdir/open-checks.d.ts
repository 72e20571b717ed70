import { type FileSnapshot } from './files.js';
import { type Layout } from './layout.js';
import { TasklistTexts } from './tasklist-texts.js';
import type { WorkdirOptions } from './workdir-types.js';
/** What the checks read, handed on so that opening reads nothing twice. */
export interface CheckedInputs {
    /** The tasklist's bytes that count (complete lines, or a settled last line). */
    tasklist: Buffer;
    /** `toprocess` as read and checked, when the workdir has one. */
    toprocess?: FileSnapshot;
    /** The tasklist's commands by id: the only ones the farmer runs. */
    trusted: TasklistTexts;
    /** One past the highest task id a record may name. */
    limit: number;
}
/**
 * Every check on the inputs of a farmer's start, made before anything is written: a bad input
 * throws a UsageError naming it, and the workdir stays as it was. The workdir must be a
 * directory we can write (or create), hold no symlinks or wrong kinds of state files, and fit
 * the tasklist: not edited since it was made (only appended to), bytes a command can hold, and
 * a `toprocess` that names only the tasklist's ids with the tasklist's commands.
 */
export declare function checkOpenInputs(options: WorkdirOptions, paths: Layout): Promise<CheckedInputs>;
