import { type FsInfo } from '../workdir/fstype.js';
/** How many nodes the Slurm job spans (SLURM_NNODES / SLURM_JOB_NUM_NODES), 1 outside Slurm. */
export declare function slurmNodes(env: NodeJS.ProcessEnv): number;
export interface NodeCheck {
    env: NodeJS.ProcessEnv;
    dir: string;
    fs: FsInfo;
    /** The node of every farmer seen in the workdir so far (ours included). */
    nodes: () => Iterable<string>;
    self: string;
    warn: (message: string) => void;
    /** How long to wait for another node's farmer to appear. */
    delayMs: number;
}
/**
 * A job on several nodes whose workdir each node sees on its own (tmpfs, a node-local disk)
 * runs the whole tasklist once per node, silently. Say so loudly: at once for a filesystem in
 * memory, else when no farmer of another node appeared within `delayMs`. Returns the timer.
 */
export declare function checkNodeSpread(c: NodeCheck): NodeJS.Timeout | undefined;
