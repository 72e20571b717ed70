import { appendFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { checkExactlyOnce, killTree, lines } from './helpers.js';

const journalDir = (wd: string) => join(wd, '.taskfarmer', 'journal');

/**
 * Renames a dead farmer's journal so that it is read after the others. Node lists a directory
 * sorted by name, and a journal is named `<host>-<pid>-<random>`: on a cluster, a farmer on node
 * `nid00012` that appended tasks is read after one on `nid00007` that ran them. A journal's name
 * is only its writer's handle (who a farmer is comes from its hello record), so renaming the
 * journal of a dead farmer stands for running it on a host whose name sorts last.
 */
function readLast(wd: string, pid: number): void {
  const dir = journalDir(wd);
  const name = readdirSync(dir).find((n) => n.includes(`-${pid}-`))!;
  renameSync(join(dir, name), join(dir, `zz-node-${pid}-000000.jsonl`));
  const listed = readdirSync(dir);
  expect(listed[listed.length - 1]).toBe(`zz-node-${pid}-000000.jsonl`);
}

/** The journal file (in journal/) of the farmer with this pid ('' while it has none). */
function journalOf(wd: string, pid: number): string {
  const name = readdirSync(journalDir(wd)).find((n) => n.includes(`-${pid}-`));
  return name ? join(journalDir(wd), name) : '';
}

const records = (path: string) => lines(path).map((l) => JSON.parse(l) as { t: string; id?: number });

describe('journals are read in whatever order the directory lists them', () => {
  it('tasks one farmer appended and another finished are not run again after both die', async () => {
    const dir = tempDir('tf-order-');
    const executions = join(dir, 'executions');
    const gate = join(dir, 'gate');
    // Task 0 keeps the first farmer alive until the gate opens.
    const tasklist = writeTasks(dir, [`echo $PROC_NUMBER >> ${executions}; until [ -e ${gate} ]; do sleep 0.05; done`]);
    const wd = join(dir, 'wd');
    const args = ['-w', wd, '-q', '--lease', '3s'];
    const first = startCli([tasklist, '-n', '3', ...args], { detached: true });
    await waitFor(() => lines(executions).length >= 1, 20_000, 'task 0 to start');

    // Ten lines appended; a farmer started now records them (`add`) in its own journal, not
    // compacted away since the first farmer is alive; both then run them.
    appendFileSync(tasklist, `echo $PROC_NUMBER >> ${executions}; sleep 0.2\n`.repeat(10));
    const second = startCli([tasklist, '-n', '1', ...args], { detached: true });
    const farmers = [first.child.pid!, second.child.pid!];
    // Whatever happens below, leave no farmer waiting on the gate.
    onTestFinished(() => {
      writeFileSync(gate, '');
      for (const pid of farmers) killTree(pid);
    });
    const adderOf = () => farmers.find((pid) => records(journalOf(wd, pid)).some((r) => r.t === 'add'));
    await waitFor(() => adderOf() !== undefined, 20_000, 'the appended tasks to be recorded');
    const adder = adderOf()!;
    const runner = farmers.find((pid) => pid !== adder)!;
    const doneByRunner = () => records(journalOf(wd, runner)).filter((r) => r.t === 'done' && r.id! >= 1).length;
    await waitFor(() => doneByRunner() >= 2, 20_000, 'the other farmer to finish two appended tasks');

    // A node failure takes both (and their tasks).
    killTree(first.child.pid!);
    killTree(second.child.pid!);
    await first.done;
    await second.done;
    readLast(wd, adder);

    writeFileSync(gate, '');
    const r = await runCli([tasklist, '-n', '2', ...args]);
    expect(r.code).toBe(0);
    expect(checkExactlyOnce(wd, 11)).toBe('');
  });
});
