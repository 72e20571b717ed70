import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { ids, runCli, tempDir, writeTasks } from '../helpers/cli.js';

const CONFIG = `# yaml-language-server: $schema=../schemas/config.schema.json
runners:
  box:
    type: shifter
    image: docker:ubuntu:22.04
    setup: source /opt/env.sh
    modules: [cvmfs]
tasklists:
  backup:
    type: template
    command: cp {} {//}/{/.}.bak && echo {#} >> {//}/ids
`;

describe('taskfarmer config check', () => {
  it('prints the resolved runners (with the command each would run) and handlers, as a valid config file', async () => {
    const dir = tempDir('tf-cfgcli-');
    const home = tempDir('tf-home-');
    writeFileSync(join(dir, 'taskfarmer.yml'), CONFIG);
    const r = await runCli(['config', 'check'], { cwd: dir, env: { HOME: home, PATH: '/usr/bin:/bin' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`#   ${join(dir, 'taskfarmer.yml')}\n`);
    expect(r.stdout).toContain('  # taskfarmer.yml:3\n');
    expect(r.stdout).toContain('  # warning: runner "box": shifter not found on PATH\n');
    expect(r.stdout).toContain(
      `  # runs "echo hello" as: shifter --image docker:ubuntu:22.04 -mcvmfs -- /bin/bash -c 'source /opt/env.sh && {\\necho hello\\n}'\n`,
    );
    // The output is itself the same configuration.
    writeFileSync(join(dir, 'resolved.yml'), r.stdout);
    const again = loadConfig({ cwd: dir, home, file: 'resolved.yml' });
    expect(parse(r.stdout)).toEqual(parse(CONFIG));
    expect(Object.keys(again.runners)).toEqual(['box']);
  });

  it('a bad file: every problem on its own line, exit 2', async () => {
    const dir = tempDir('tf-cfgcli-');
    writeFileSync(join(dir, 'bad.yml'), 'runners:\n  gpu:\n    type: podman-hpc\n    image: 3\n    gpus: true\n');
    const r = await runCli(['config', 'check', 'bad.yml'], { cwd: dir, env: { HOME: tempDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'taskfarmer: bad.yml:4: /runners/gpu/image: must be string (got number 3)\n' +
        'bad.yml:5: /runners/gpu: unknown key "gpus" (did you mean "gpu"?)\n',
    );
    expect(r.stdout).toBe('');
  });

  it('a bad configuration stops a run before anything is created (exit 2)', async () => {
    const dir = tempDir('tf-cfgcli-');
    writeFileSync(join(dir, 'taskfarmer.yml'), 'runners:\n  a:\n    type: nope\n');
    const tasklist = writeTasks(dir, ['true']);
    const r = await runCli([tasklist], { cwd: dir, env: { HOME: tempDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('taskfarmer.yml:3: /runners/a/type: must be one of');
    expect(existsSync(`${tasklist}_workdir`)).toBe(false);
  });
});

describe('taskfarmer config import FILE.ini', () => {
  it("prints PyTaskFarmer's definitions as YAML that loads to the same runners", async () => {
    const dir = tempDir('tf-import-');
    writeFileSync(
      join(dir, 'shifter.ini'),
      '[reco22]\nRunner = taskfarmer.runners.ShifterRunner\nimage = zlmarshall/atlas-grid-centos7:20191110\nsetup = source /x.sh\nmodules = cvmfs\ntempdir = True\n\n[lines]\nTaskList = taskfarmer.task.ListTaskList\n',
    );
    const r = await runCli(['config', 'import', 'shifter.ini'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '# yaml-language-server: $schema=https://unpkg.com/taskfarmer/schemas/config.schema.json',
        '# Converted from shifter.ini by `taskfarmer config import`.',
        'runners:',
        '  reco22:',
        '    type: shifter',
        '    image: zlmarshall/atlas-grid-centos7:20191110',
        '    setup: source /x.sh',
        '    modules:',
        '      - cvmfs',
        '    tempdir: true',
        'tasklists:',
        '  lines:',
        '    type: list',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'taskfarmer.yml'), r.stdout);
    const fromYaml = loadConfig({ cwd: dir, home: dir });
    const fromIni = loadConfig({ cwd: dir, home: dir, file: 'shifter.ini' });
    expect(fromYaml.runnerDefinitions.reco22.config).toEqual(fromIni.runnerDefinitions.reco22.config);
  });

  it('a class we cannot map: one line naming the file, line, section and class; exit 2', async () => {
    const dir = tempDir('tf-import-');
    writeFileSync(join(dir, 'atlas.ini'), '[reco]\nTaskList = taskfarmer.atlas.TransformTaskList\n');
    const r = await runCli(['config', 'import', 'atlas.ini'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'taskfarmer: atlas.ini:1: [reco] tasklist class taskfarmer.atlas.TransformTaskList has no taskfarmer equivalent (known: taskfarmer.task.ListTaskList); a template handler can often replace it (docs/config.md)\n',
    );
    const none = await runCli(['config', 'import', 'missing.ini'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('taskfarmer: missing.ini: cannot read (ENOENT)\n');
  });
});

describe('-t NAME with a template handler, end to end', () => {
  it('paths with spaces, dots and quotes reach the command intact; {#} is the task id', async () => {
    const dir = tempDir('tf-template-');
    writeFileSync(join(dir, 'taskfarmer.yml'), CONFIG);
    const data = join(dir, 'my data.v2', "it's here");
    mkdirSync(data, { recursive: true });
    const files = [join(data, 'a file.tar.gz'), join(data, `quote"d $x.txt`), join(data, 'plain')];
    for (const f of files) writeFileSync(f, `content of ${f}`);
    const tasklist = writeTasks(dir, files);
    const r = await runCli([tasklist, '-t', 'backup', '-n', '1'], { cwd: dir, env: { HOME: tempDir() } });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(data, 'a file.tar.bak'), 'utf8')).toBe(`content of ${files[0]}`);
    expect(readFileSync(join(data, 'quote"d $x.bak'), 'utf8')).toBe(`content of ${files[1]}`);
    expect(readFileSync(join(data, 'plain.bak'), 'utf8')).toBe(`content of ${files[2]}`);
    expect(readFileSync(join(data, 'ids'), 'utf8')).toBe('0\n1\n2\n');
    expect(ids(join(`${tasklist}_workdir`, 'finished'))).toEqual([0, 1, 2]);
  });

  it('a line that does not fit the template is exit 2 naming the task, and no task runs', async () => {
    const dir = tempDir('tf-template-');
    writeFileSync(
      join(dir, 'taskfarmer.yml'),
      'tasklists:\n  pairs:\n    type: template\n    fields: [src, dst]\n    command: cp {src} {dst}\n',
    );
    const tasklist = writeTasks(dir, ['a b', 'lonely']);
    const r = await runCli([tasklist, '-t', 'pairs'], { cwd: dir, env: { HOME: tempDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'taskfarmer: tasklist handler "pairs": task 1 ("lonely") has 1 field, the template needs 2 (src, dst)\n',
    );
    expect(existsSync(join(`${tasklist}_workdir`, 'toprocess'))).toBe(false);
  });
});

describe('examples/taskfarmer.yml', () => {
  it('is valid, and its handlers do what its comments say', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const cfg = loadConfig({ cwd: root, home: tempDir(), file: 'examples/taskfarmer.yml' });
    expect(Object.keys(cfg.runners)).toEqual(['scratch', 'reco22', 'gpu', 'sif', 'steps']);
    expect(cfg.handlers.compress('/data/run 1/a.dat', 0)).toBe("gzip -c '/data/run 1/a.dat' > '/data/run 1/a.dat'.gz");
    expect(cfg.handlers.reco('ttbar /data/ttbar/AOD.01.root', 7)).toBe(
      'mkdir -p out/ttbar && reco --sample ttbar --in /data/ttbar/AOD.01.root --out out/ttbar/AOD.01.reco.root --seed 7',
    );
    expect(cfg.handlers.scan('"run 1",/data/a.root,0.5', 0)).toBe("analyze --label 'run 1' --cut 0.5 /data/a.root");
  });
});

describe('~/.pytaskfarmer definitions in a run', () => {
  it('an unmappable runner fails only when selected, before anything is created; others still run', async () => {
    const dir = tempDir('tf-pyini-');
    const home = tempDir('tf-home-');
    mkdirSync(join(home, '.pytaskfarmer', 'runners.d'), { recursive: true });
    writeFileSync(
      join(home, '.pytaskfarmer', 'runners.d', 'mine.ini'),
      '[odd]\nRunner = mylab.runners.MPIRunner\n\n[basic]\nRunner = taskfarmer.runners.BasicRunner\n',
    );
    const tasklist = writeTasks(dir, ['echo "a  b"']);
    const bad = await runCli([tasklist, '-r', 'odd'], { cwd: dir, env: { HOME: home } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'taskfarmer: runner "odd" (~/.pytaskfarmer/runners.d/mine.ini:1): [odd] runner class mylab.runners.MPIRunner has no taskfarmer equivalent (known: taskfarmer.runners.BasicRunner, taskfarmer.runners.ShifterRunner); define the runner in YAML instead (docs/config.md)\n',
    );
    expect(existsSync(`${tasklist}_workdir`)).toBe(false);
    const ok = await runCli([tasklist, '-r', 'basic'], { cwd: dir, env: { HOME: home } });
    expect(ok.code).toBe(0);
    expect(readFileSync(join(`${tasklist}_workdir`, 'logs', 'log_0'), 'utf8')).toBe('a  b\n');
  });
});
