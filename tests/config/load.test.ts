import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { resolveRunner } from '../../src/runners/registry.js';
import { resolveHandler } from '../../src/tasklist/handlers.js';
import { UsageError } from '../../src/util/errors.js';
import { tempDir } from '../helpers/cli.js';

/** A project dir with ./taskfarmer.yml and an empty home. */
function project(yaml: string): { cwd: string; home: string } {
  const cwd = tempDir('tf-config-');
  const home = tempDir('tf-home-');
  writeFileSync(join(cwd, 'taskfarmer.yml'), yaml);
  return { cwd, home };
}

/** The problems a configuration is rejected with, one per line. */
function problems(yaml: string): string[] {
  try {
    loadConfig(project(yaml));
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message.split('\n');
  }
  throw new Error('the configuration was accepted');
}

describe('configuration errors: one line per problem, with file, line, path in the document and what is wrong', () => {
  it.each([
    ['YAML syntax', 'runners:\n  a: [unclosed\n', /^taskfarmer\.yml:3:1: /],
    [
      'a duplicated key',
      'runners:\n  a:\n    type: shell\n  a:\n    type: shell\n',
      /^taskfarmer\.yml:4:3: Map keys must be unique/,
    ],
    ['not a mapping', '- a\n- b\n', 'taskfarmer.yml:1: /: must be object (got a list)'],
    [
      'an unknown top-level key',
      'runner:\n  a: {type: shell}\n',
      'taskfarmer.yml:1: /: unknown key "runner" (did you mean "runners"?)',
    ],
    [
      'an unknown runner type',
      'runners:\n  a:\n    type: docker\n',
      'taskfarmer.yml:3: /runners/a/type: must be one of: shell, shifter, podman-hpc, apptainer, singularity, srun (got "docker")',
    ],
    ['a missing type', 'runners:\n  a:\n    image: x\n', 'taskfarmer.yml:3: /runners/a: missing required key "type"'],
    [
      'a missing image',
      'runners:\n  gpu:\n    type: podman-hpc\n',
      'taskfarmer.yml:3: /runners/gpu: missing required key "image"',
    ],
    [
      'a wrong value type',
      'runners:\n  gpu:\n    type: podman-hpc\n    image: 3\n',
      'taskfarmer.yml:4: /runners/gpu/image: must be string (got number 3)',
    ],
    [
      'a misspelt key',
      'runners:\n  box:\n    type: shifter\n    image: x\n    volume: [/a:/b]\n',
      'taskfarmer.yml:5: /runners/box: unknown key "volume" (did you mean "volumes"?)',
    ],
    [
      'a key the runner type does not have',
      'runners:\n  s:\n    type: srun\n    tempdir: true\n',
      'taskfarmer.yml:4: /runners/s: unknown key "tempdir" (allowed: type, description, setup, env, args, shell, executable)',
    ],
    [
      'a bad runner name',
      'runners:\n  "my runner":\n    type: shell\n',
      'taskfarmer.yml:2: /runners: "my runner" is not a valid name (letters, digits, _ . -, starting with a letter or digit)',
    ],
    [
      'a bad environment variable name',
      'runners:\n  a:\n    type: shell\n    env:\n      1X: y\n',
      'taskfarmer.yml:5: /runners/a/env: "1X" is not a valid environment variable name',
    ],
    [
      'a setup list with a non-string',
      'runners:\n  a:\n    type: shell\n    setup: [ok, 3]\n',
      'taskfarmer.yml:4: /runners/a/setup: must be a string or a list of non-empty strings (item 1 is number 3)',
    ],
    [
      'an empty image',
      'runners:\n  a:\n    type: shifter\n    image: ""\n',
      'taskfarmer.yml:4: /runners/a/image: must not be empty',
    ],
    [
      'an unknown handler type',
      'tasklists:\n  t:\n    type: athena\n',
      'taskfarmer.yml:3: /tasklists/t/type: must be one of: list, template (got "athena")',
    ],
    [
      'a template without command',
      'tasklists:\n  t:\n    type: template\n',
      'taskfarmer.yml:3: /tasklists/t: missing required key "command"',
    ],
    [
      'a multi-line template',
      'tasklists:\n  t:\n    type: template\n    command: |\n      a {}\n      b\n',
      'taskfarmer.yml:4: /tasklists/t/command: must be a single line',
    ],
    [
      'a bad separator',
      'tasklists:\n  t:\n    type: template\n    command: x {}\n    separator: tab\n',
      'taskfarmer.yml:5: /tasklists/t/separator: must be one of: whitespace, csv (got "tab")',
    ],
    [
      'an unknown field in a template',
      'tasklists:\n  t:\n    type: template\n    fields: [sample]\n    command: x {smaple}\n',
      'taskfarmer.yml:5: /tasklists/t/command: {smaple}: unknown field "smaple" (fields are: sample)',
    ],
    [
      'a replacement string quoted twice',
      "tasklists:\n  t:\n    type: template\n    command: cat '{}'\n",
      `taskfarmer.yml:4: /tasklists/t/command: '{}': values are shell-quoted already; remove the quotes around {} (or set quote: false)`,
    ],
  ])('%s', (_what, yaml, want) => {
    const lines = problems(yaml);
    expect(lines).toHaveLength(1);
    if (typeof want === 'string') expect(lines[0]).toBe(want);
    else expect(lines[0]).toMatch(want);
  });

  it('reports every problem at once, in file order', () => {
    const lines = problems(
      'runners:\n  a:\n    type: shifter\n  b:\n    type: shell\n    tempdir: 3\n  c:\n    type: apptainer\n    image: x.sif\n    gpus: true\n',
    );
    expect(lines).toEqual([
      'taskfarmer.yml:3: /runners/a: missing required key "image"',
      'taskfarmer.yml:6: /runners/b/tempdir: must be boolean or string (got number 3)',
      'taskfarmer.yml:10: /runners/c: unknown key "gpus" (did you mean "gpu"?)',
    ]);
  });

  it('--config naming a missing file is an error', () => {
    const { cwd, home } = project('');
    expect(() => loadConfig({ cwd, home, file: 'nope.yml' })).toThrow('--config: nope.yml: no such file');
  });

  it('an empty file is a valid, empty configuration', () => {
    const cfg = loadConfig(project('# nothing yet\n'));
    expect(cfg.runners).toEqual({});
    expect(cfg.handlers).toEqual({});
  });
});

describe('where configuration comes from', () => {
  it('reads ~/.taskfarmer/{runners,tasklists}.d/*.yaml, then ./taskfarmer.yml, which wins name by name', () => {
    const { cwd, home } = project('runners:\n  box:\n    type: shifter\n    image: project-image\n');
    mkdirSync(join(home, '.taskfarmer', 'runners.d'), { recursive: true });
    mkdirSync(join(home, '.taskfarmer', 'tasklists.d'), { recursive: true });
    writeFileSync(
      join(home, '.taskfarmer', 'runners.d', 'site.yaml'),
      'runners:\n  box:\n    type: shifter\n    image: user-image\n  gpu:\n    type: podman-hpc\n    image: g\n',
    );
    writeFileSync(join(home, '.taskfarmer', 'runners.d', 'ignored.txt'), 'not: [yaml');
    writeFileSync(
      join(home, '.taskfarmer', 'tasklists.d', 'reco.yml'),
      'tasklists:\n  reco:\n    type: template\n    command: reco {}\n',
    );
    const cfg = loadConfig({ cwd, home });
    expect(cfg.sources).toEqual([
      join(home, '.taskfarmer', 'runners.d', 'site.yaml'),
      join(home, '.taskfarmer', 'tasklists.d', 'reco.yml'),
      join(cwd, 'taskfarmer.yml'),
    ]);
    expect(cfg.runnerDefinitions.box).toMatchObject({ config: { image: 'project-image' }, source: 'taskfarmer.yml:2' });
    expect(cfg.runnerDefinitions.gpu.source).toBe('~/.taskfarmer/runners.d/site.yaml:5');
    expect(resolveRunner('gpu', cfg.runners).name).toBe('gpu');
    expect(resolveHandler('reco', cfg.handlers)('in put', 0)).toBe("reco 'in put'");
  });

  it('--config replaces ./taskfarmer.yml (the home directories are still read)', () => {
    const { cwd, home } = project('runners:\n  a:\n    type: shell\n');
    writeFileSync(join(cwd, 'other.yml'), 'runners:\n  b:\n    type: shell\n');
    const cfg = loadConfig({ cwd, home, file: 'other.yml' });
    expect(Object.keys(cfg.runners)).toEqual(['b']);
    expect(cfg.sources).toEqual([join(cwd, 'other.yml')]);
  });

  it('problems in a home file name that file', () => {
    const { cwd, home } = project('');
    mkdirSync(join(home, '.taskfarmer', 'runners.d'), { recursive: true });
    writeFileSync(join(home, '.taskfarmer', 'runners.d', 'bad.yaml'), 'runners:\n  x:\n    type: shel\n');
    expect(() => loadConfig({ cwd, home })).toThrow(
      '~/.taskfarmer/runners.d/bad.yaml:3: /runners/x/type: must be one of',
    );
  });

  it('unknown -r/-t names list the known ones', () => {
    const cfg = loadConfig(
      project('runners:\n  box:\n    type: shifter\n    image: i\ntasklists:\n  t:\n    type: list\n'),
    );
    expect(() => resolveRunner('bx', cfg.runners)).toThrow('--runner: unknown runner "bx" (known: default, box)');
    expect(() => resolveHandler('tt', cfg.handlers)).toThrow(
      '--tasklist: unknown tasklist handler "tt" (known: default, list, t)',
    );
  });
});
