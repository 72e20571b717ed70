import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import schema from '../../schemas/action-inputs.schema.json' with { type: 'json' };
import { convert, InputError, parseInputs } from '../../src/action/inputs.js';
import { declaredInputs } from '../../src/action/metadata.js';
import { tempDir, writeTasks } from '../helpers/cli.js';
import { ROOT } from './helpers.js';

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const declared = declaredInputs(join(ROOT, 'action.yml'));

function problems(raw: Record<string, string>): string[] {
  try {
    parseInputs(new Map(Object.entries(raw)), declared, {});
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  return [];
}

describe('action.yml', () => {
  it('is a node24 JavaScript action running the bundled dist/index.js, with branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.name).toBe('taskfarmer');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
  });

  it('declares every input of the schema, each with a description and a default', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(schema.properties).sort());
    for (const [name, input] of Object.entries(action.inputs as Record<string, Record<string, unknown>>)) {
      expect(typeof input.description, name).toBe('string');
      expect(input, name).toHaveProperty('default');
      expect(input.required, name).toBe(false);
    }
    expect(action.inputs['fail-on-task-failure'].default).toBe('true');
    expect(action.inputs['upload-artifacts'].default).toBe('true');
  });

  it('declares the outputs, each with a description', () => {
    expect(Object.keys(action.outputs)).toEqual([
      'total',
      'finished',
      'failed',
      'remaining',
      'status',
      'workdir',
      'finished-list',
      'failed-list',
      'report',
      'timeline',
      'artifact-id',
      'artifact-url',
    ]);
    for (const o of Object.values(action.outputs as Record<string, { description: string }>)) {
      expect(o.description.length).toBeGreaterThan(5);
    }
  });

  it('every declared default passes the schema', () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['true']);
    expect(problems({ tasklist })).toEqual([]);
  });
});

describe('inputs → settings', () => {
  it('an input left out of the environment takes its action.yml default', () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['true']);
    const s = parseInputs(new Map([['tasklist', tasklist]]), declared, {});
    expect(s.farm).toMatchObject({
      tasklist,
      workdir: `${tasklist}_workdir`,
      workers: undefined,
      timeout: undefined,
      taskTimeout: undefined,
      retries: 0,
      runner: 'default',
      handler: 'default',
    });
    expect(s).toMatchObject({ failOnTaskFailure: true, uploadArtifacts: true, artifactName: 'taskfarmer' });
  });

  it('converts numbers, durations and YAML booleans', () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['true']);
    const raw = {
      tasklist,
      workers: '8',
      timeout: '2h',
      'task-timeout': '90',
      retries: '3',
      'fail-on-task-failure': 'False',
      'upload-artifacts': 'FALSE',
      'artifact-name': 'results-3',
      workdir: join(dir, 'wd'),
    };
    const s = parseInputs(new Map(Object.entries(raw)), declared, {});
    expect(s.farm).toMatchObject({
      workers: 8,
      timeout: 7_200_000,
      taskTimeout: 90_000,
      retries: 3,
      workdir: join(dir, 'wd'),
    });
    expect(s).toMatchObject({ failOnTaskFailure: false, uploadArtifacts: false, artifactName: 'results-3' });
    expect(convert('duration', '15m')).toBe(900);
    expect(convert('duration', '0')).toBe(0);
    expect(convert('duration', 'soon')).toBe('soon');
    expect(convert('bool', 'yes')).toBe('yes');
  });

  it('inline tasks: the default workdir is in the workspace, the tasklist file in RUNNER_TEMP, both stable', () => {
    const env = { GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt' };
    const a = parseInputs(new Map([['tasks', 'echo a\necho b']]), declared, env);
    const b = parseInputs(new Map([['tasks', 'echo a\necho b\necho c']]), declared, env);
    expect(a.farm.workdir).toBe('/ws/taskfarmer_workdir');
    expect(a.farm.tasklist).toMatch(/^\/rt\/taskfarmer-[0-9a-f]{12}\.tasks$/);
    expect(b.farm.tasklist).toBe(a.farm.tasklist);
    expect(a.inlineTasks).toBe('echo a\necho b\n');
  });

  it('reports every problem at once, each naming its input, in action.yml order', () => {
    expect(
      problems({
        tasklist: '/nonexistent/tasks.txt',
        workers: '0',
        timeout: '-1',
        'task-timeout': 'later',
        retries: 'two',
        'fail-on-task-failure': 'maybe',
        'artifact-name': 'a:b',
      }),
    ).toEqual([
      'tasklist: file /nonexistent/tasks.txt does not exist',
      'workers: must be a whole number from 1 to 100000, or auto (the runner\'s CPUs) (got "0")',
      'timeout: must be 0 (no limit) or a duration: seconds (3600) or with a unit (90s, 15m, 2h) (got "-1")',
      'task-timeout: must be 0 (no limit) or a duration: seconds (600) or with a unit (90s, 15m, 2h) (got "later")',
      'retries: must be a whole number from 0 to 1000 (got "two")',
      'fail-on-task-failure: must be true or false (got "maybe")',
      'artifact-name: must be a name without " : < > | * ? \\ / or line breaks (got "a:b")',
    ]);
  });

  it('exactly one of tasklist and tasks', () => {
    expect(problems({})).toEqual([
      'tasklist / tasks: set one of them (tasklist: the path of a tasklist file; tasks: the tasks inline, one per line)',
    ]);
    expect(problems({ tasklist: '/x', tasks: 'true' })[0]).toBe('tasklist / tasks: both are set; set only one of them');
  });

  it('unknown runner and tasklist handler names are refused with the known ones', () => {
    const dir = tempDir();
    const tasklist = writeTasks(dir, ['true']);
    const p = problems({ tasklist, runner: 'warp', 'tasklist-handler': 'magic' });
    expect(p[0]).toMatch(/^runner: unknown runner "warp" \(known: default/);
    expect(p[1]).toMatch(/^tasklist-handler: unknown tasklist handler "magic" \(known: default/);
  });
});
