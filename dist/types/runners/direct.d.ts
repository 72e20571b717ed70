import type { LogTarget } from '../workdir/tasklog.js';
import { type CpuBinding, type Launched, type Launcher } from './launcher.js';
import type { RunSpec } from './types.js';
/**
 * Node spawns each task itself, through execa: for machines without perl, and when
 * TASKFARMER_LAUNCHER=node asks. execa's own kill, timeout and cleanup signal only the direct
 * child (a shell's grandchildren would live on), so the task is detached into its own process
 * group and killed by group, as the perl launcher's are; its output goes to the log file by
 * descriptor, never through a pipe a grandchild could hold open. The same log modes as
 * launcher.pl: a fresh file of its own, or a frame appended to the slot's file.
 */
export declare class DirectLauncher implements Launcher {
    private readonly baseEnv;
    private readonly bind?;
    /** The slot's append-mode log (--logs per-worker), kept open between tasks. */
    private readonly appendLog;
    /** `bind`: the slot's cores; each task is started under taskset. */
    constructor(baseEnv: NodeJS.ProcessEnv, bind?: CpuBinding | undefined);
    run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched;
    close(): void;
}
