import { type PyLock } from '../workdir/pylock.js';
import type { Workdir } from '../workdir/workdir.js';
import type { FarmEvent } from './options.js';
/**
 * Takes PyTaskFarmer's flock on the workdir and holds it while we run, so that a PyTaskFarmer
 * started on it waits; one already running is named in a warning after 2 s.
 */
export declare function holdPyLock(dir: string, emit: (e: FarmEvent) => void): Promise<PyLock>;
/**
 * Says 'started' (with the workdir's filesystem) and arms the multi-node sanity check; returns
 * its timer, if any. `current` is the farmer's workdir as it is later (a rejoin replaces it).
 */
export declare function announce(wd: Workdir, { workers, env, emit, current, }: {
    workers: number;
    env: NodeJS.ProcessEnv;
    emit: (e: FarmEvent) => void;
    current: () => Workdir;
}): NodeJS.Timeout | undefined;
