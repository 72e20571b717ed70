import { listHandler } from '../../src/tasklist/handlers.js';
import { Workdir } from '../../src/workdir/workdir.js';

/**
 * A farmer's view of a workdir, opened in the test process (one worker, default lease): to
 * claim, sync and close by hand, next to real farmers, at exactly the moment a test needs.
 */
export function openWorkdir(dir: string, tasklist: string): Promise<Workdir> {
  return Workdir.open({
    dir,
    tasklist,
    handler: listHandler,
    retries: 0,
    lease: 60_000,
    lockStale: 10_000,
    workers: 1,
    warn: () => {},
  });
}
