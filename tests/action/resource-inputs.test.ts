import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, parseInputs } from '../../src/action/inputs.js';
import { declaredInputs } from '../../src/action/metadata.js';
import { tempDir, writeTasks } from '../helpers/cli.js';
import { ROOT } from './helpers.js';

const declared = declaredInputs(join(ROOT, 'action.yml'));
const parse = (raw: Record<string, string>) => parseInputs(new Map(Object.entries(raw)), declared, {});

describe('Action inputs for GPUs, cores and limits', () => {
  it('are off when empty, and convert like the CLI flags', () => {
    const tasklist = writeTasks(tempDir(), ['true']);
    expect(parse({ tasklist }).farm).toMatchObject({
      gpusPerWorker: undefined,
      cpusPerWorker: undefined,
      maxFailures: undefined,
      walltimeGuard: undefined,
    });
    const s = parse({
      tasklist,
      'gpus-per-worker': '2',
      gpus: '0,1,2,3',
      'cpus-per-worker': '4',
      'max-failures': '5',
      'max-failures-kill': 'true',
      'walltime-guard': 'false',
    });
    expect(s.farm).toMatchObject({
      gpusPerWorker: 2,
      gpus: '0,1,2,3',
      cpusPerWorker: 4,
      maxFailures: 5,
      maxFailuresKill: true,
      walltimeGuard: false,
    });
  });

  it('refuses bad values, each naming its input', () => {
    const tasklist = writeTasks(tempDir(), ['true']);
    let problems: string[] = [];
    try {
      parse({ tasklist, 'gpus-per-worker': '0', gpus: '0,,1', 'cpus-per-worker': 'x', 'max-failures': '-2' });
    } catch (err) {
      problems = (err as InputError).problems;
    }
    expect(problems).toEqual([
      'gpus-per-worker: must be a whole number from 1 to 100000 (GPUs per worker) (got "0")',
      'gpus: must be a comma-separated GPU list such as 0,1,2,3 (got "0,,1")',
      'cpus-per-worker: must be a whole number from 1 to 100000 (cores per worker) (got "x")',
      'max-failures: must be a whole number from 1 to 100000 (got "-2")',
    ]);
  });

  it("the config file's farm: section applies where an input is empty", () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['true']);
    const config = join(dir, 'tf.yml');
    writeFileSync(config, 'farm:\n  max-failures: 3\n  cpus-per-worker: 2\n');
    expect(parse({ tasklist, config }).farm).toMatchObject({ maxFailures: 3, cpusPerWorker: 2 });
    expect(parse({ tasklist, config, 'max-failures': '7' }).farm).toMatchObject({ maxFailures: 7, cpusPerWorker: 2 });
  });
});
