import { type TasklistHandler } from '../tasklist/handlers.js';
import type { Fence } from './fence.js';
import { type Layout } from './layout.js';
import { type Meta } from './meta.js';
import type { TaskState } from './state.js';
/**
 * Makes the files of a new workdir from the tasklist's bytes: its tasks go into `state` (the
 * base), then `toprocess`, empty `finished` and `failed`, an empty `timeline.json` array, and
 * `meta.json`, which it returns. Under the lock.
 */
export declare function createWorkdirFiles(paths: Layout, state: TaskState, source: {
    tasklist: string;
    handler: TasklistHandler;
}, buf: Buffer, fence: Fence): Meta;
