import { detectFilesystem } from '../workdir/fstype.js';
import { holdPyTaskFarmerLocks, pyTaskFarmerLocks, type PyLock } from '../workdir/pylock.js';
import type { Workdir } from '../workdir/workdir.js';
import { checkNodeSpread } from './node-check.js';
import type { FarmEvent } from './options.js';

/**
 * Takes PyTaskFarmer's flock on the workdir and holds it while we run, so that a PyTaskFarmer
 * started on it waits; one already running is named in a warning after 2 s.
 */
export async function holdPyLock(dir: string, emit: (e: FarmEvent) => void): Promise<PyLock> {
  const paths = pyTaskFarmerLocks(dir);
  const lock = holdPyTaskFarmerLocks(paths);
  let timer: NodeJS.Timeout | undefined;
  const held = await Promise.race([lock.ready, new Promise<number>((r) => (timer = setTimeout(() => r(-1), 2_000)))]);
  clearTimeout(timer);
  if (held === -1) {
    emit({
      type: 'warning',
      message: `${paths.join(' or ')} stays locked: is a PyTaskFarmer running on this workdir? Stop it: the two must not run together`,
    });
  }
  return lock;
}

/**
 * Says 'started' (with the workdir's filesystem) and arms the multi-node sanity check; returns
 * its timer, if any. `current` is the farmer's workdir as it is later (a rejoin replaces it).
 */
export function announce(
  wd: Workdir,
  {
    workers,
    env,
    emit,
    current,
  }: { workers: number; env: NodeJS.ProcessEnv; emit: (e: FarmEvent) => void; current: () => Workdir },
): NodeJS.Timeout | undefined {
  const filesystem = detectFilesystem(wd.paths.dir);
  emit({
    type: 'started',
    logs: wd.logs,
    workdir: wd.paths.dir,
    farmer: wd.farmerId,
    workers,
    pending: wd.state.count.pending + wd.state.count.claimed,
    finished: wd.previous.finished,
    failed: wd.previous.failed,
    filesystem,
  });
  return checkNodeSpread({
    env,
    dir: wd.paths.dir,
    fs: filesystem,
    nodes: () => [...current().farmers.values()].map((f) => f.node),
    self: wd.farmers.get(wd.farmerId)?.node ?? '',
    warn: (message) => emit({ type: 'warning', message }),
    delayMs: (Number(env.TASKFARMER_NODE_CHECK_SECONDS) || 30) * 1000,
  });
}
