import { Ajv2020 } from 'ajv/dist/2020.js';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import { ids, tempDir, writeTasks } from '../helpers/cli.js';
import { copyAction, nodeBinaries, runAction } from './helpers.js';

let action: string;
beforeAll(() => {
  action = copyAction();
});

const validateReport = new Ajv2020({ allErrors: true, strict: false }).compile(reportSchema);

for (const node of nodeBinaries()) {
  describe.skipIf(node.skip)(`the Action under ${node.label}`, () => {
    const run = (cwd: string, inputs: Record<string, string>, env?: NodeJS.ProcessEnv) =>
      runAction({ node: node.path, action, cwd, inputs, env });

    it('farms a tasklist and sets every output, the job summary, the report and one annotation per failed task', async () => {
      const dir = tempDir();
      writeTasks(
        dir,
        ['echo one', 'echo "to stderr" >&2; exit 3', '# a comment', 'echo two', 'sleep 0.2'],
        'tasks.txt',
      );
      // Only `tasklist` and `workers` are in the environment: every other input takes its action.yml default.
      const r = await run(dir, { tasklist: 'tasks.txt', workers: '2' });
      expect(r.code).toBe(1);
      const wd = join(dir, 'tasks.txt_workdir');
      expect(r.outputs).toEqual({
        total: '4',
        finished: '3',
        failed: '1',
        remaining: '0',
        status: 'failed',
        workdir: wd,
        'finished-list': join(wd, 'finished'),
        'failed-list': join(wd, 'failed'),
        report: join(wd, 'report.json'),
        timeline: join(wd, 'timeline.json'),
      });
      expect(ids(r.outputs['failed-list'])).toEqual([1]);
      expect(ids(r.outputs['finished-list']).sort()).toEqual([0, 2, 3]);

      const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      expect(report.counts).toMatchObject({ total: 4, finished: 3, failed: 1, toProcess: 0 });
      expect(
        JSON.parse(readFileSync(r.outputs.timeline, 'utf8')).filter((e: { ph: string }) => e.ph === 'X'),
      ).toHaveLength(4);

      // The summary: counts, the failed task with the tail of its log, the slowest tasks, this job.
      expect(r.summary).toContain('**3** finished, **1** failed');
      expect(r.summary).toContain('### Failed tasks');
      expect(r.summary).toContain('to stderr');
      expect(r.summary).toContain('### Slowest tasks');
      expect(r.summary).toContain('### This job');
      expect(r.summary).toContain('Artifacts not uploaded');

      // One annotation for the task, pointing at its line of the tasklist, then the step's failure.
      expect(r.errors).toHaveLength(2);
      expect(r.errors[0]).toMatch(/^::error title=task 1 failed \(exit 3\) after [^,]+,file=tasks\.txt,line=2::/);
      expect(r.errors[0]).toContain('to stderr');
      expect(r.errors[1]).toContain('1 of 4 tasks failed');
      // The task's output in a foldable group, and no artifact service here: one notice.
      expect(r.stdout).toMatch(/::group::✗ task 1 failed \(exit 3\)/);
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0]).toContain('no artifact service');
    });

    it('runs inline tasks in a stable default workdir, so that running again continues it', async () => {
      const dir = tempDir();
      const marks = join(dir, 'marks');
      const tasks = [1, 2, 3].map((i) => `echo ${i} >> ${marks}`).join('\n');
      const r1 = await run(dir, { tasks, workers: '2' });
      expect(r1.code).toBe(0);
      expect(r1.outputs.status).toBe('complete');
      expect(r1.outputs.workdir).toBe(join(dir, 'taskfarmer_workdir'));
      expect(readFileSync(marks, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['1', '2', '3']);

      // A re-run (new RUNNER_TEMP, as on a new job) finds the same workdir; an appended task is new work.
      const r2 = await run(dir, { tasks: `${tasks}\necho 4 >> ${marks}`, workers: '2' });
      expect(r2.code).toBe(0);
      expect(r2.outputs).toMatchObject({ total: '4', finished: '4', status: 'complete' });
      expect(readFileSync(marks, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['1', '2', '3', '4']);
    });

    it('with fail-on-task-failure false, failed tasks do not fail the step', async () => {
      const dir = tempDir();
      writeTasks(dir, ['true', 'false'], 'tasks.txt');
      const r = await run(dir, { tasklist: 'tasks.txt', 'fail-on-task-failure': 'false', 'upload-artifacts': 'false' });
      expect(r.code).toBe(0);
      expect(r.outputs.status).toBe('failed');
      expect(r.warnings.some((w) => w.includes('1 of 2 tasks failed'))).toBe(true);
      // upload-artifacts false: not even the notice about the artifact service.
      expect(r.notices).toEqual([]);
    });

    it('keeps to about 10 error annotations however many tasks fail, counting the rest', async () => {
      const dir = tempDir();
      writeTasks(
        dir,
        Array.from({ length: 15 }, (_, i) => `echo failing ${i}; exit 1`),
        'tasks.txt',
      );
      const r = await run(dir, { tasklist: 'tasks.txt', workers: '4', retries: '1', 'task-timeout': '30s' });
      expect(r.code).toBe(1);
      expect(r.outputs).toMatchObject({ failed: '15', status: 'failed' });
      expect(r.errors).toHaveLength(10);
      expect(r.errors.filter((e) => /title=task \d+ failed/.test(e))).toHaveLength(8);
      expect(r.errors[8]).toContain('7 more task(s) failed');
      // Retried once each: every task ran twice.
      const spans = JSON.parse(readFileSync(r.outputs.timeline, 'utf8')).filter((e: { ph: string }) => e.ph === 'X');
      expect(spans).toHaveLength(30);
    });

    it('puts every input problem in one failure naming the inputs, and writes nothing', async () => {
      const dir = tempDir();
      writeTasks(dir, ['true'], 'tasks.txt');
      const cases: Array<[Record<string, string>, string[]]> = [
        [{ tasklist: 'tasks.txt', workers: 'abc' }, ['workers: must be a whole number', '(got "abc")']],
        [{ tasklist: 'tasks.txt', workers: '0' }, ['workers: must be a whole number', '(got "0")']],
        [{ tasklist: 'tasks.txt', timeout: '-1' }, ['timeout: must be 0 (no limit) or a duration', '(got "-1")']],
        [{ tasklist: 'tasks.txt', tasks: 'true' }, ['tasklist / tasks: both are set']],
        [{ workers: '2' }, ['tasklist / tasks: set one of them']],
        [{ tasklist: 'missing.txt' }, [`tasklist: file ${join(dir, 'missing.txt')} does not exist`]],
        [{ tasks: 'true', config: 'nope.yml' }, [`config: file ${join(dir, 'nope.yml')} does not exist`]],
        [{ tasklist: 'tasks.txt', logs: 'bogus' }, ['logs: must be per-task, per-worker or none (got "bogus")']],
        [
          { tasklist: 'tasks.txt', workers: 'x', retries: '-2', 'upload-artifacts': 'yes', runner: 'nosuch' },
          [
            'workers:',
            'retries: must be a whole number',
            'upload-artifacts: must be true or false',
            'runner: unknown runner "nosuch"',
          ],
        ],
      ];
      for (const [inputs, messages] of cases) {
        const r = await run(dir, inputs);
        expect(r.code, JSON.stringify(inputs)).toBe(1);
        expect(r.errors, JSON.stringify(inputs)).toHaveLength(1);
        for (const m of messages) expect(r.errors[0]).toContain(m);
        expect(r.outputs).toEqual({});
      }
      // Nothing was written: no workdir, no inline tasklist.
      expect(readdirSync(dir).sort()).toEqual(['tasks.txt']);
      // Nine starts of the Action, one after another: a loaded machine needs more than the default.
    }, 180_000);

    it('takes runners and tasklist handlers from the config file, and names the file and line of a bad one', async () => {
      const dir = tempDir();
      writeTasks(dir, ['a 1', 'b 2'], 'pairs.txt');
      writeFileSync(
        join(dir, 'farm.yml'),
        [
          'tasklists:',
          '  pair:',
          '    type: template',
          '    command: "echo {1}={2} $FLAVOUR"',
          'runners:',
          '  tagged:',
          '    type: shell',
          '    env: { FLAVOUR: mint }',
          '',
        ].join('\n'),
      );
      const env = { HOME: dir };
      const inputs = { tasklist: 'pairs.txt', config: 'farm.yml', 'tasklist-handler': 'pair', runner: 'tagged' };
      const r = await run(dir, inputs, env);
      expect(r.code).toBe(0);
      const wd = r.outputs.workdir;
      expect(readFileSync(join(wd, 'logs', 'log_0'), 'utf8')).toBe('a=1 mint\n');
      expect(readFileSync(join(wd, 'logs', 'log_1'), 'utf8')).toBe('b=2 mint\n');

      writeFileSync(join(dir, 'bad.yml'), 'runners:\n  tagged: { type: warp }\n');
      const bad = await run(dir, { ...inputs, config: 'bad.yml', workdir: 'wd2' }, env);
      expect(bad.code).toBe(1);
      expect(bad.errors[0]).toContain('config: bad.yml:2: /runners/tagged/type');
      expect(existsSync(join(dir, 'wd2'))).toBe(false);
    });

    it('with logs: per-worker, no file per task, and the summary, annotations and log groups show each task its own output', async () => {
      const dir = tempDir();
      writeTasks(
        dir,
        ['echo first output', 'echo "broken: $TASKFARMER_ATTEMPT" >&2; exit 3', 'printf "no newline"'],
        'tasks.txt',
      );
      const r = await run(
        dir,
        { tasklist: 'tasks.txt', workers: '2', logs: 'per-worker', retries: '1' },
        { RUNNER_DEBUG: '1' },
      );
      expect(r.code).toBe(1);
      const logs = readdirSync(join(dir, 'tasks.txt_workdir', 'logs'));
      expect(logs.length).toBeGreaterThan(0);
      for (const f of logs) expect(f).toMatch(/^worker_.+_[01]$/);
      expect(r.summary).toContain('broken: 2');
      expect(r.errors[0]).toMatch(/^::error title=task 1 failed \(exit 3\)[^:]*::/);
      expect(r.errors[0]).toContain('broken: 2');
      expect(r.errors[0]).toContain('taskfarmer logs');
      expect(r.errors[0]).not.toContain('first output');
      expect(r.stdout).toMatch(/::group::✗ task 1 failed \(exit 3\)[^\n]*\n::stop-commands::(\S+)\nbroken: 2\n::\1::/);
      expect(r.stdout).toMatch(/::group::task 0 finished in [^\n]*\n::stop-commands::(\S+)\nfirst output\n::\1::/);
      expect(r.stdout).toMatch(/::group::task 2 finished in [^\n]*\n::stop-commands::(\S+)\nno newline\n::\1::/);
    });

    it('prints progress lines at the interval, and with debug logging every task output in its own group', async () => {
      const dir = tempDir();
      writeTasks(dir, ['echo first output; sleep 0.6', 'echo second output'], 'tasks.txt');
      const r = await run(
        dir,
        { tasklist: 'tasks.txt', workers: '1' },
        { TASKFARMER_PROGRESS_INTERVAL: '0.1', RUNNER_DEBUG: '1' },
      );
      expect(r.code).toBe(0);
      const progress = r.stdout
        .split('\n')
        .filter((l) => /^taskfarmer \[[^\]]+\]: \d+ of 2 tasks done by this job/.test(l));
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.at(-1)).toContain('2 of 2 tasks done by this job (2 finished, 0 failed), 0 running');
      expect(r.stdout).toMatch(
        /::group::task 0 finished in [^\n]*\n::stop-commands::(\S+)\nfirst output\n::\1::\n::endgroup::/,
      );
      expect(r.stdout).toMatch(/::group::task 1 finished in [^\n]*\n::stop-commands::\S+\nsecond output\n/);
    });

    it('a workdir that is a file is refused by name', async () => {
      const dir = tempDir();
      writeTasks(dir, ['true'], 'tasks.txt');
      writeFileSync(join(dir, 'wd'), 'not a directory');
      const r = await run(dir, { tasklist: 'tasks.txt', workdir: 'wd' });
      expect(r.code).toBe(1);
      expect(r.errors[0]).toContain(`workdir: ${join(dir, 'wd')} exists and is not a directory`);
    });

    it('a relative workdir is resolved in the workspace and shared by a second step', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'lists'));
      writeTasks(join(dir, 'lists'), ['echo a', 'echo b'], 'batch.txt');
      const r = await run(dir, { tasklist: 'lists/batch.txt', workdir: 'scratch/wd', 'upload-artifacts': 'false' });
      expect(r.code).toBe(0);
      expect(r.outputs.workdir).toBe(join(dir, 'scratch/wd'));
      expect(existsSync(join(dir, 'scratch/wd/report.json'))).toBe(true);
      const again = await run(dir, { tasklist: 'lists/batch.txt', workdir: 'scratch/wd', 'upload-artifacts': 'false' });
      expect(again.outputs).toMatchObject({ total: '2', finished: '2', status: 'complete' });
      expect(again.stdout).toContain('0 tasks to process');
    });
  });
}
