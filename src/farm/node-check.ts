import { formatDuration } from '../util/duration.js';
import { formatFilesystem, type FsInfo } from '../workdir/fstype.js';

/** How many nodes the Slurm job spans (SLURM_NNODES / SLURM_JOB_NUM_NODES), 1 outside Slurm. */
export function slurmNodes(env: NodeJS.ProcessEnv): number {
  const n = Math.max(...[env.SLURM_NNODES, env.SLURM_JOB_NUM_NODES].map((v) => Number(v) || 1));
  return Number.isFinite(n) ? n : 1;
}

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
export function checkNodeSpread(c: NodeCheck): NodeJS.Timeout | undefined {
  const n = slurmNodes(c.env);
  if (n <= 1) return undefined;
  const head = `WARNING: this Slurm job spans ${n} nodes, but`;
  const tail =
    'each node will run the whole tasklist on its own instead of sharing it; put the workdir on a filesystem every node mounts (Lustre, GPFS, NFS)';
  if (c.fs.scope === 'memory') {
    c.warn(`${head} workdir ${c.dir} is on ${formatFilesystem(c.fs)}: ${tail}`);
    return undefined;
  }
  const timer = setTimeout(() => {
    for (const node of c.nodes()) if (node !== c.self) return;
    c.warn(
      `${head} no farmer of another node appeared in workdir ${c.dir} (${c.fs.type}) within ` +
        `${formatDuration(c.delayMs)}: if the workdir is node-local, ${tail}`,
    );
  }, c.delayMs);
  timer.unref();
  return timer;
}
