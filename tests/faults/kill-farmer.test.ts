import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sleep, startCli, tempDir, waitFor, writeTasks } from '../helpers/cli.js';
import { checkExactlyOnce, counts, killTree, lines, openClaimsOf, range } from './helpers.js';

const TRIALS = 24;
const AT_ONCE = 4;
const TASKS = 40;

interface Trial {
  n: number;
  /** Kill after this many finished lines; 0: after a random delay (start-up included). */
  afterFinished: number;
  delayMs: number;
  /** group: the farmer's process group (its tasks run on as orphans); tree: everything it started. */
  mode: 'group' | 'tree';
  /** Short tasks are claimed ahead in batches; long ones one by one. */
  taskSleep: string;
}

function trials(): Trial[] {
  return range(TRIALS).map((n) => ({
    n,
    afterFinished: n % 4 === 0 ? 0 : 1 + Math.floor(Math.random() * 30),
    delayMs: Math.floor(Math.random() * 400),
    mode: n % 2 === 0 ? 'group' : 'tree',
    taskSleep: n % 3 === 0 ? '0.1' : '0.02',
  }));
}

/**
 * Two farmers share a workdir; one is SIGKILLed at a random moment. The survivor must finish
 * the list with every task in `finished` exactly once, and the only tasks that ran twice must be
 * ones the killed farmer held at that moment.
 */
interface TrialResult {
  /** '' when every check passed. */
  problem: string;
  /** Tasks the killed farmer held (claimed, not recorded as ended) when it died. */
  held: number;
  /** Tasks executed more than once. */
  twice: number;
}

async function runTrial(t: Trial): Promise<TrialResult> {
  const fail = (problem: string): TrialResult => ({ problem, held: 0, twice: 0 });
  const dir = tempDir(`tf-kill${t.n}-`);
  const executions = join(dir, 'executions');
  const tasklist = writeTasks(
    dir,
    range(TASKS).map(() => `echo $PROC_NUMBER >> ${executions}; sleep ${t.taskSleep}`),
  );
  const wd = join(dir, 'wd');
  const args = [tasklist, '-n', '2', '-w', wd, '--lock-stale', '2s', '-q'];
  const victim = startCli(args, { detached: true });
  const survivor = startCli(args);
  const finished = join(wd, 'finished');
  if (t.afterFinished > 0) {
    await waitFor(() => lines(finished).length >= t.afterFinished, 30_000, `${t.afterFinished} finished tasks`);
  } else {
    await sleep(t.delayMs);
  }
  const pid = victim.child.pid!;
  if (t.mode === 'tree') killTree(pid);
  else {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // It had already finished: a trial without a kill, still checked below.
    }
  }
  const v = await victim.done;
  const s = await survivor.done;
  const where = `trial ${t.n} (${JSON.stringify(t)}), ${dir}`;
  if (v.signal !== 'SIGKILL' && v.code !== 0) return fail(`${where}: victim exited ${v.code} ${v.signal}: ${v.stderr}`);
  if (s.code !== 0) return fail(`${where}: survivor exited ${s.code}: ${s.stderr}`);
  const wrong = checkExactlyOnce(wd, TASKS);
  if (wrong) return fail(`${where}: ${wrong}`);
  const ran = counts(executions);
  const notRun = range(TASKS).filter((id) => !ran.has(id));
  if (notRun.length) return fail(`${where}: never executed: ${notRun.join(',')}`);
  const held = openClaimsOf(wd, pid);
  const twice = [...ran].filter(([, c]) => c > 1).map(([id]) => id);
  const unexpected = twice.filter((id) => !held.has(id));
  if (unexpected.length)
    return fail(
      `${where}: executed twice but not held by the killed farmer: ${unexpected.join(',')} (held: ${[...held].join(',')})`,
    );
  return { problem: '', held: held.size, twice: twice.length };
}

describe('SIGKILL of a farmer while another one runs', () => {
  it(`loses no task and records each exactly once (${TRIALS} random kills)`, async () => {
    const all = trials();
    const results: TrialResult[] = [];
    for (let i = 0; i < all.length; i += AT_ONCE) {
      results.push(...(await Promise.all(all.slice(i, i + AT_ONCE).map(runTrial))));
    }
    expect(results.map((r) => r.problem).filter(Boolean)).toEqual([]);
    // Not vacuous: most kills hit a farmer that held tasks, and some of those ran twice.
    const summary = JSON.stringify(results.map((r) => [r.held, r.twice]));
    expect(results.filter((r) => r.held > 0).length, `[held, twice] per trial: ${summary}`).toBeGreaterThanOrEqual(
      TRIALS / 2,
    );
    expect(
      results.some((r) => r.twice > 0),
      `[held, twice] per trial: ${summary}`,
    ).toBe(true);
  }, 180_000);
});
