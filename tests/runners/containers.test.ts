import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ids, processesWith, runCli, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { installFakes } from './fakes.js';

/** A temp project: fake wrappers on PATH, a config, a tasklist. */
function setup(config: string, tasks: string[]) {
  const dir = tempDir('tf-runner-');
  const fakes = installFakes(dir);
  writeFileSync(join(dir, 'taskfarmer.yml'), config);
  const tasklist = writeTasks(dir, tasks);
  const wd = `${tasklist}_workdir`;
  const log = (id: number) => readFileSync(join(wd, 'logs', `log_${id}`), 'utf8');
  return { dir, fakes, tasklist, wd, log };
}

const TASKS = ['echo "$GREETING $COLOR $PROC_NUMBER"; pwd', 'echo to-stderr >&2; exit 7'];

describe('container runners build the exact argv; output, exit codes and PROC_NUMBER come through', () => {
  it('shifter: shifter --image IMG -V… -m… [ARGS] -- /bin/bash -c "SETUP && TASK", BASH_ENV emptied', async () => {
    const t = setup(
      `runners:
  box:
    type: shifter
    image: docker:ubuntu:22.04
    setup: [export GREETING=hello, cd /]
    volumes: [/global/cfs:/cfs, /pscratch:/scratch]
    modules: [cvmfs, gpu]
    env: {COLOR: blue}
    args: [--entrypoint]
`,
      TASKS,
    );
    const r = await runCli([t.tasklist, '-r', 'box', '-n', '2'], {
      cwd: t.dir,
      env: { ...t.fakes.env, BASH_ENV: '/x' },
    });
    expect(r.code).toBe(1);
    expect(t.fakes.argv('shifter', 0)).toEqual([
      '--image',
      'docker:ubuntu:22.04',
      '-V/global/cfs:/cfs',
      '-V/pscratch:/scratch',
      '-mcvmfs',
      '-mgpu',
      '--entrypoint',
      '--',
      '/bin/bash',
      '-c',
      `export GREETING=hello && cd / && {\n${TASKS[0]}\n}`,
    ]);
    expect(t.fakes.envOf('shifter', 0)).toMatchObject({ BASH_ENV: '', COLOR: 'blue', PROC_NUMBER: '0' });
    expect(t.log(0)).toBe('hello blue 0\n/\n');
    expect(t.log(1)).toBe('to-stderr\n');
    expect(ids(join(t.wd, 'finished'))).toEqual([0]);
    expect(ids(join(t.wd, 'failed'))).toEqual([1]);
    expect(r.stderr).toContain('task 1 failed (exit 7)');
  });

  it('podman-hpc: podman-hpc run --rm --name N --gpu -v… -e… IMG /bin/bash -c "SETUP && TASK"', async () => {
    const t = setup(
      `runners:
  gpu:
    type: podman-hpc
    image: registry.nersc.gov/u/img:1
    setup: export GREETING=hello
    volumes: [/pscratch/sd/u:/work]
    gpu: true
    env: {COLOR: "blue sky, clear"}
    args: [--network=host]
`,
      ['echo "$GREETING $COLOR $PROC_NUMBER $TASKFARMER_TASK_ID"', 'exit 7'],
    );
    const r = await runCli([t.tasklist, '-r', 'gpu', '-n', '2'], { cwd: t.dir, env: t.fakes.env });
    expect(r.code).toBe(1);
    const argv = t.fakes.argv('podman-hpc', 0);
    expect(argv[3]).toMatch(/^taskfarmer-\d+-[0-9a-f]{6}-0-1$/);
    expect(argv).toEqual([
      'run',
      '--rm',
      '--name',
      argv[3],
      '--gpu',
      '-v',
      '/pscratch/sd/u:/work',
      '-e',
      'COLOR=blue sky, clear',
      '-e',
      'PROC_NUMBER',
      '-e',
      'TASKFARMER_*',
      '--network=host',
      'registry.nersc.gov/u/img:1',
      '/bin/bash',
      '-c',
      'export GREETING=hello && {\necho "$GREETING $COLOR $PROC_NUMBER $TASKFARMER_TASK_ID"\n}',
    ]);
    expect(t.log(0)).toBe('hello blue sky, clear 0 0\n');
    expect(ids(join(t.wd, 'failed'))).toEqual([1]);
    // The failed attempt's container is removed by force, by name, in case the client died before it.
    await waitFor(() => t.fakes.called('podman-hpc', 'rm'), 10_000, 'podman-hpc rm');
    expect(t.fakes.argv('podman-hpc', 'rm')).toEqual(['rm', '-f', '--ignore', t.fakes.argv('podman-hpc', 1)[3]]);
  });

  it.each(['apptainer', 'singularity'])(
    '%s: exec --nv --bind… IMG /bin/bash -c "SETUP && TASK", env passed as <PREFIX>ENV_NAME',
    async (type) => {
      const t = setup(
        `runners:
  sif:
    type: ${type}
    image: /images/app.sif
    setup: export GREETING=hello
    binds: [/data:/data:ro, /scratch]
    gpu: true
    env: {COLOR: "a,b=c"}
    args: [--cleanenv]
`,
        TASKS,
      );
      const r = await runCli([t.tasklist, '-r', 'sif', '-n', '2'], { cwd: t.dir, env: t.fakes.env });
      expect(r.code).toBe(1);
      expect(t.fakes.argv(type, 0)).toEqual([
        'exec',
        '--nv',
        '--bind',
        '/data:/data:ro',
        '--bind',
        '/scratch',
        '--cleanenv',
        '/images/app.sif',
        '/bin/bash',
        '-c',
        `export GREETING=hello && {\n${TASKS[0]}\n}`,
      ]);
      const prefix = type === 'apptainer' ? 'APPTAINERENV_' : 'SINGULARITYENV_';
      expect(t.fakes.envOf(type, 0)).toMatchObject({ [`${prefix}COLOR`]: 'a,b=c', PROC_NUMBER: '0' });
      expect(t.log(0)).toBe(`hello a,b=c 0\n${t.dir}\n`);
      expect(t.log(1)).toBe('to-stderr\n');
    },
  );

  it('tempdir: each task in its own directory, removed after success, kept (and named in the log) after failure', async () => {
    const t = setup(
      `runners:
  box:
    type: shifter
    image: img
    tempdir: true
  sif:
    type: apptainer
    image: img.sif
    tempdir: true
  gpu:
    type: podman-hpc
    image: img
    tempdir: true
`,
      ['pwd > "$OUT/pwd.$PROC_NUMBER"; touch made-here', 'pwd > "$OUT/pwd.$PROC_NUMBER"; touch made-here; exit 1'],
    );
    for (const runner of ['box', 'sif', 'gpu']) {
      const out = tempDir('tf-out-');
      const wd = join(t.dir, `wd-${runner}`);
      // TMPDIR: where `tempdir: true` makes them; kept ones stay inside the test's own directory.
      const tmp = join(t.dir, `tmp-${runner}`);
      mkdirSync(tmp);
      const env = { ...t.fakes.env, OUT: out, TMPDIR: tmp };
      const r = await runCli([t.tasklist, '-r', runner, '-w', wd], { cwd: t.dir, env });
      expect(r.code).toBe(1);
      const ok = readFileSync(join(out, 'pwd.0'), 'utf8').trim();
      const kept = readFileSync(join(out, 'pwd.1'), 'utf8').trim();
      expect(ok.startsWith(`${tmp}/taskfarmer-0-`)).toBe(true);
      expect(existsSync(ok)).toBe(false);
      expect(existsSync(join(kept, 'made-here'))).toBe(true);
      expect(readFileSync(join(wd, 'logs', 'log_1'), 'utf8')).toBe(
        `\ntaskfarmer: attempt 1 did not succeed; its temporary directory is kept: ${kept}\n`,
      );
    }
    expect(t.fakes.argv('shifter', 0)[2]).toMatch(/^--workdir=\/.*\/taskfarmer-0-/);
  });
});

describe('stopping a task kills its whole tree through the wrapper', () => {
  it.each([
    ['shifter', 'type: shifter\n    image: i'],
    ['podman-hpc', 'type: podman-hpc\n    image: i'],
    ['apptainer', 'type: apptainer\n    image: i.sif'],
  ])('%s: --task-timeout kills the task and its background job', async (name, cfg) => {
    const marker = `9${name.length}.${Date.now() % 100000}`;
    const t = setup(`runners:\n  r:\n    ${cfg}\n`, [`sleep ${marker}1 & sleep ${marker}2; echo never`]);
    const r = await runCli([t.tasklist, '-r', 'r', '--task-timeout', '1s'], { cwd: t.dir, env: t.fakes.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('task 0 failed (timed out)');
    expect(t.log(0)).not.toContain('never');
    await waitFor(() => processesWith(`sleep ${marker}`).length === 0, 5_000, 'no task process left');
  });

  it('SIGTERM to the farm puts the task back (exit 75), leaves no process, and removes the podman container', async () => {
    const marker = `sleep 88.${Date.now() % 100000}`;
    const t = setup('runners:\n  gpu:\n    type: podman-hpc\n    image: i\n', [`${marker}`]);
    const farm = startCli([t.tasklist, '-r', 'gpu'], { cwd: t.dir, env: t.fakes.env });
    await waitFor(() => processesWith(marker).length > 0, 10_000, 'the task to start');
    farm.child.kill('SIGTERM');
    const r = await farm.done;
    expect(r.code).toBe(75);
    expect(ids(join(t.wd, 'toprocess'))).toEqual([0]);
    expect(processesWith(marker)).toEqual([]);
    await waitFor(() => t.fakes.called('podman-hpc', 'rm'), 10_000, 'podman-hpc rm');
  });
});

describe('a runner that cannot start is reported before any task is claimed', () => {
  it.each([
    ['type: shifter\n    image: i', 'runner "r": shifter not found on PATH'],
    ['type: podman-hpc\n    image: i', 'runner "r": podman-hpc not found on PATH'],
    ['type: apptainer\n    image: i', 'runner "r": apptainer not found on PATH'],
    [
      'type: shifter\n    image: i\n    executable: /opt/none/shifter',
      'runner "r": /opt/none/shifter is not an executable file',
    ],
    ['type: shell\n    shell: /bin/nosuchshell', 'runner "r": /bin/nosuchshell is not an executable file'],
    [
      'type: srun',
      'runner "r": srun runs tasks as steps of a Slurm allocation, but SLURM_JOB_ID is not set (run the farm inside salloc or sbatch)',
    ],
  ])('%s', async (cfg, message) => {
    const t = setup(`runners:\n  r:\n    ${cfg}\n`, ['echo hi']);
    const env = { PATH: '/usr/bin:/bin', SLURM_JOB_ID: '' };
    if (cfg === 'type: srun') env.PATH = `${t.fakes.bin}:/usr/bin:/bin`;
    const r = await runCli([t.tasklist, '-r', 'r'], { cwd: t.dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`taskfarmer: ${message}\n`);
    expect(existsSync(t.wd)).toBe(false);
  });
});

describe('srun (fake; the real Slurm test is in srun-slurm.test.ts)', () => {
  it('srun --exclusive -N1 -n1 --job-name=… [ARGS] /bin/bash -c "SETUP && TASK"', async () => {
    const t = setup(
      'runners:\n  steps:\n    type: srun\n    setup: export GREETING=hello\n    args: [--cpus-per-task=2, --mem=1G]\n',
      TASKS,
    );
    const r = await runCli([t.tasklist, '-r', 'steps', '-n', '2'], {
      cwd: t.dir,
      env: { ...t.fakes.env, SLURM_JOB_ID: '4242', COLOR: 'red' },
    });
    expect(r.code).toBe(1);
    const argv = t.fakes.argv('srun', 0);
    expect(argv[3]).toMatch(/^--job-name=taskfarmer-\d+-[0-9a-f]{6}-0-1$/);
    expect(argv).toEqual([
      '--exclusive',
      '-N1',
      '-n1',
      argv[3],
      '--cpus-per-task=2',
      '--mem=1G',
      '/bin/bash',
      '-c',
      `export GREETING=hello && {\n${TASKS[0]}\n}`,
    ]);
    expect(t.log(0)).toBe(`hello red 0\n${t.dir}\n`);
    expect(ids(join(t.wd, 'failed'))).toEqual([1]);
  });
});
