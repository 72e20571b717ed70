import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapIni, parseIni } from '../../src/config/ini.js';
import { loadConfig } from '../../src/config/load.js';
import { resolveRunner } from '../../src/runners/registry.js';
import { resolveHandler } from '../../src/tasklist/handlers.js';
import { tempDir } from '../helpers/cli.js';

/** PyTaskFarmer's documented ShifterRunner example, plus what configparser allows around it. */
const RECO = `# ATLAS reconstruction
[DEFAULT]
base = /cvmfs/atlas.cern.ch/repo

[reco22]
Runner = taskfarmer.runners.ShifterRunner
image = zlmarshall/atlas-grid-centos7:20191110
setup = export ATLAS_LOCAL_ROOT_BASE=%(base)s/ATLASLocalRootBase &&
    source \${ATLAS_LOCAL_ROOT_BASE}/user/atlasLocalSetup.sh
volumes = /global/cfs/cdirs/atlas:/atlas  /pscratch:/scratch
modules: cvmfs gpu
tempdir = True

; not a definition: PyTaskFarmer skips sections without a class
[notes]
owner = me

[plain]
Runner = taskfarmer.runners.BasicRunner

[lines]
TaskList = taskfarmer.task.ListTaskList
`;

describe('PyTaskFarmer INI definitions', () => {
  it('maps ShifterRunner, BasicRunner and ListTaskList (configparser syntax: DEFAULT, %(x)s, continuation, : and =)', () => {
    const { sections, problems } = parseIni(RECO);
    expect(problems).toEqual([]);
    expect(mapIni(sections)).toEqual([
      {
        kind: 'runner',
        name: 'reco22',
        line: 5,
        config: {
          type: 'shifter',
          image: 'zlmarshall/atlas-grid-centos7:20191110',
          setup:
            'export ATLAS_LOCAL_ROOT_BASE=/cvmfs/atlas.cern.ch/repo/ATLASLocalRootBase &&\nsource ${ATLAS_LOCAL_ROOT_BASE}/user/atlasLocalSetup.sh',
          volumes: ['/global/cfs/cdirs/atlas:/atlas', '/pscratch:/scratch'],
          modules: ['cvmfs', 'gpu'],
          tempdir: true,
        },
      },
      { kind: 'runner', name: 'plain', line: 18, config: { type: 'shell' } },
      { kind: 'tasklist', name: 'lines', line: 21, config: { type: 'list' } },
    ]);
  });

  it.each([
    [
      '[athena]\nTaskList = taskfarmer.atlas.TransformTaskList\ntransform = Reco_tf.py\n',
      '[athena] tasklist class taskfarmer.atlas.TransformTaskList has no taskfarmer equivalent (known: taskfarmer.task.ListTaskList); a template handler can often replace it (docs/config.md)',
    ],
    [
      '[mine]\nRunner = mypkg.runners.SlurmRunner\n',
      '[mine] runner class mypkg.runners.SlurmRunner has no taskfarmer equivalent (known: taskfarmer.runners.BasicRunner, taskfarmer.runners.ShifterRunner); define the runner in YAML instead (docs/config.md)',
    ],
    [
      '[s]\nRunner = taskfarmer.runners.ShifterRunner\nimage = x\nvolume = /a:/b\n',
      '[s] ShifterRunner has no option "volume" (its options are: image, setup, volumes, modules, tempdir)',
    ],
    ['[s]\nRunner = taskfarmer.runners.ShifterRunner\nsetup = true\n', '[s] ShifterRunner needs an image'],
    [
      '[s]\nRunner = taskfarmer.runners.ShifterRunner\nimage = x\ntempdir = yes\n',
      '[s] tempdir must be True or False (PyTaskFarmer reads "yes" as False)',
    ],
    [
      '[b]\nRunner = taskfarmer.runners.BasicRunner\nshell = zsh\n',
      '[b] BasicRunner has no option "shell" (it takes no options)',
    ],
  ])('a clear error for what cannot be mapped: %s', (ini, error) => {
    const [d] = mapIni(parseIni(ini).sections);
    expect(d).toMatchObject({ error });
  });

  it.each([
    ['key = a\n', 1, 'a key before any [section] header'],
    ['[a]\njust words\n', 2, 'not "key = value": just words'],
    ['[a]\nRunner = x\n[a]\nRunner = y\n', 3, 'section [a] appears twice'],
    [
      '[a]\nsetup = echo 100%\n',
      1,
      `[a] setup: "%": a % must be followed by % or (name)s, as in Python's configparser (write %% for %)`,
    ],
    ['[a]\nsetup = %(nope)s\n', 1, '[a] setup: %(nope)s refers to a key that is not set'],
  ])('syntax problems name the line: %j', (ini, line, message) => {
    expect(parseIni(ini).problems).toEqual([{ line, message }]);
  });

  it('--config FILE.ini: a class we cannot map is an error naming the file, line, section and class', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.ini'), `${RECO}\n[athena]\nTaskList = taskfarmer.atlas.AthenaTaskList\n`);
    expect(() => loadConfig({ cwd: dir, home: dir, file: 'old.ini' })).toThrow(
      'old.ini:24: [athena] tasklist class taskfarmer.atlas.AthenaTaskList has no taskfarmer equivalent',
    );
    writeFileSync(join(dir, 'ok.ini'), RECO);
    const cfg = loadConfig({ cwd: dir, home: dir, file: 'ok.ini' });
    expect(Object.keys(cfg.runners)).toEqual(['reco22', 'plain']);
    expect(resolveHandler('lines', cfg.handlers)('echo hi', 0)).toBe('echo hi');
  });

  it('~/.pytaskfarmer/{runners,tasklists}.d/*.ini are read; an unmappable one fails only when selected', () => {
    const home = tempDir('tf-home-');
    mkdirSync(join(home, '.pytaskfarmer', 'runners.d'), { recursive: true });
    mkdirSync(join(home, '.pytaskfarmer', 'tasklists.d'), { recursive: true });
    writeFileSync(join(home, '.pytaskfarmer', 'runners.d', 'site.ini'), `${RECO}\n[odd]\nRunner = my.Odd\n`);
    writeFileSync(
      join(home, '.pytaskfarmer', 'tasklists.d', 'atlas.ini'),
      '[tf]\nTaskList = taskfarmer.atlas.TransformTaskList\n',
    );
    const cfg = loadConfig({ cwd: tempDir(), home });
    expect(cfg.runnerDefinitions.reco22.config).toMatchObject({ type: 'shifter', tempdir: true });
    const odd = resolveRunner('odd', cfg.runners);
    expect(() => odd.preflight!()).toThrow(
      'runner "odd" (~/.pytaskfarmer/runners.d/site.ini:24): [odd] runner class my.Odd has no taskfarmer equivalent',
    );
    expect(() => resolveHandler('tf', cfg.handlers)).toThrow(
      'tasklist handler "tf" (~/.pytaskfarmer/tasklists.d/atlas.ini:1): [tf] tasklist class taskfarmer.atlas.TransformTaskList has no taskfarmer equivalent',
    );
  });
});
