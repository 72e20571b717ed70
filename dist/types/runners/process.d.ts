import type { LogTarget } from '../workdir/tasklog.js';
import { type CpuBinding, type Launched, type Launcher } from './launcher.js';
import type { RunSpec } from './types.js';
/** The first perl on PATH (Debian's perl-base is essential; HPC nodes have it), if any. */
export declare function findPerl(path?: string): string | undefined;
/**
 * Starts tasks for one worker slot. Spawning from Node copies its large address space: on our
 * 2-core machine 1,000 `true` tasks took 6.9x the wall time with Node spawning each task than
 * through this launcher (npm run bench, the "no perl" row; docs/architecture.md). So each slot
 * keeps a small perl launcher (launcher.pl, its wire protocol in its header) that forks the
 * tasks. Each task still gets its own process group, its log (a file of its own, or a frame
 * appended to the slot's file), and its exact exit status or signal.
 */
export declare class PerlLauncher implements Launcher {
    private readonly perl;
    private readonly baseEnv;
    private readonly bind?;
    private child;
    private buffered;
    private current;
    /**
     * `bind`: the slot's cores. The launcher is started under taskset once, and every task it
     * forks inherits its affinity: binding costs nothing per task.
     */
    constructor(perl: string, baseEnv: NodeJS.ProcessEnv, bind?: CpuBinding | undefined);
    run(spec: RunSpec, log: LogTarget, env: Record<string, string>): Launched;
    /** Ends the launcher (it exits when its input closes). */
    close(): void;
    private ensure;
    private onData;
}
