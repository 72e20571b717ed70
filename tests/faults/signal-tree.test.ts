import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, sleep, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { lines, range, sorted, treeOf } from './helpers.js';

/**
 * Slurm delivers `--signal=USR1@N` (without B:), `scancel --signal=…` and the TERM of a
 * cancelled job to every process of the job step: the farmer, its launchers and the tasks. The
 * tasks die of that signal, often before the farmer has handled its own copy.
 */
describe('a stop signal sent to every process of the farm, as Slurm does to a job step', () => {
  for (const signal of ['SIGUSR1', 'SIGTERM', 'SIGUSR2'] as const) {
    it(`${signal}: the running tasks go back to toprocess, none is failed, exit 75`, async () => {
      const dir = tempDir('tf-stepsig-');
      const started = join(dir, 'started');
      const tasklist = writeTasks(
        dir,
        range(40).map(() => `echo $PROC_NUMBER >> ${started}; sleep 30`),
      );
      const wd = join(dir, 'wd');
      const farmer = startCli([tasklist, '-n', '4', '-w', wd]);
      await waitFor(() => lines(started).length >= 4, 20_000, 'four running tasks');
      // Tasks and launchers first, the farmer 50 ms later: slurmstepd signals the processes one
      // by one, and the farmer may well see its tasks die before its own signal arrives.
      const farmerPid = farmer.child.pid!;
      for (const pid of treeOf(farmerPid).filter((p) => p !== farmerPid)) {
        try {
          process.kill(pid, signal);
        } catch {
          // gone already
        }
      }
      await sleep(50);
      farmer.child.kill(signal);
      const r = await farmer.done;
      expect(r.code, r.stderr).toBe(75);
      expect(ids(join(wd, 'failed'))).toEqual([]);
      expect(ids(join(wd, 'finished'))).toEqual([]);
      expect(sorted(ids(join(wd, 'toprocess')))).toEqual(range(40));
    });
  }
});
