import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';

function load(yaml: string) {
  const cwd = tempDir('tf-config-');
  writeFileSync(join(cwd, 'taskfarmer.yml'), yaml);
  return loadConfig({ cwd, home: tempDir('tf-home-') });
}

describe('the farm: section of a configuration file', () => {
  it('gives defaults for the resource and limit options, under their flag names', () => {
    const cfg = load(
      'farm:\n  gpus-per-worker: 2\n  gpus: [0, 1, 2, 3]\n  cpus-per-worker: 4\n  max-failures: 10\n  max-failures-kill: true\n  walltime-guard: false\n',
    );
    expect(cfg.farm).toEqual({
      gpusPerWorker: 2,
      gpus: '0,1,2,3',
      cpusPerWorker: 4,
      maxFailures: 10,
      maxFailuresKill: true,
      walltimeGuard: false,
    });
  });

  it('refuses bad values with the file, line and key', () => {
    expect(() => load('farm:\n  gpus-per-worker: 0\n')).toThrow(
      /taskfarmer\.yml:2: \/farm\/gpus-per-worker: must be >= 1/,
    );
    expect(() => load('farm:\n  max-failure: 3\n')).toThrow(/taskfarmer\.yml:2: \/farm.*max-failure/);
  });

  it('applies to a run, and a flag given wins over it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'taskfarmer.yml'), 'farm:\n  max-failures: 1\n');
    const tasklist = writeTasks(dir, ['exit 1', 'exit 1', 'exit 1', 'exit 1']);
    const r = await runCli([tasklist, '-w', join(dir, 'a'), '-n', '1'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--max-failures 1\)/);
    expect(ids(join(dir, 'a', 'failed'))).toEqual([0]);
    const flag = await runCli([tasklist, '-w', join(dir, 'b'), '-n', '1', '--max-failures', '2'], { cwd: dir });
    expect(flag.stderr).toMatch(/--max-failures 2\)/);
    expect(ids(join(dir, 'b', 'failed'))).toEqual([0, 1]);
  });
});
