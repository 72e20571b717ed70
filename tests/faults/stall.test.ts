/**
 * A farmer that stalls inside its locked section (a hung NFS server, SIGSTOP, `scontrol
 * suspend`) longer than --lock-stale loses the lock to another farmer. When it goes on, it must
 * write nothing more on the strength of what it read before: no task recorded twice, no
 * attempt run by two farmers. The stall is made deterministic with strace fault injection: the
 * farmer's third open of `finished` (inside the lock, just before it appends completions) is
 * delayed, or stops the farmer until the test continues it.
 */
import { execa, execaSync, type ResultPromise } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli, tempDir, writeTasks } from '../helpers/cli.js';
import { AS_SPAWNED } from '../helpers/exec.js';
import { allRecords, checkExactlyOnce, range } from './helpers.js';

const strace = execaSync('strace', ['-V'], { reject: false }).exitCode === 0;
const why = strace ? '' : 'strace is not installed';
if (why) console.warn(`skipping the stall tests: ${why}`);

const FLAGS = ['-n', '4', '--lock-stale', '2s', '--lease', '4s'];
const N = 200;

/** Waits until `cond` holds, checking every 50 ms. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 50));
}

function setup() {
  const dir = tempDir('tf-stall-');
  const tasks = writeTasks(
    dir,
    range(N).map((i) => `sleep 0.0${i % 4}`),
  );
  const wd = join(dir, 'wd');
  return { dir, tasks, wd };
}

/** Attaches strace to `pid`, injecting `inject` at the farmer's openat calls on `finished`; resolves once attached. */
async function attach(pid: number, wd: string, inject: string): Promise<{ strace: ResultPromise }> {
  const p = execa('strace', ['-p', String(pid), '-P', join(wd, 'finished'), '-e', 'trace=openat', '-e', inject], {
    ...AS_SPAWNED,
    stdin: 'ignore',
    stdout: 'ignore',
  });
  let err = '';
  await new Promise<void>((res, rej) => {
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('attached')) res();
    });
    void p.then((r) => rej(new Error(`strace exited: ${r.stderr}`)));
  });
  // Wrapped: the subprocess is itself a promise, which `await` would wait out.
  return { strace: p };
}

/** No (task, attempt) claimed by two farmers. */
function attemptsClaimedTwice(wd: string): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const r of allRecords(wd)) {
    if (r.t !== 'claim') continue;
    const key = `${r.id as number}:${r.a as number}`;
    if (seen.has(key)) twice.push(key);
    seen.add(key);
  }
  return twice;
}

describe.skipIf(!strace)('a farmer stalled inside the lock', () => {
  it('records nothing twice after a stall longer than --lock-stale and --lease (delayed open)', async () => {
    const { tasks, wd } = setup();
    const a = startCli([tasks, '-w', wd, ...FLAGS]);
    await until(() => existsSync(join(wd, 'finished')) && readFileSync(join(wd, 'finished'), 'utf8').length > 0);
    // Stall 6 s inside the locked section: longer than the lock's staleness and the lease.
    const { strace: s } = await attach(a.child.pid!, wd, 'inject=openat:delay_enter=6000000:when=3');
    const b = await startCli([tasks, '-w', wd, ...FLAGS]).done;
    const ra = await a.done;
    s.kill();
    expect([ra.code, b.code], ra.stderr + b.stderr).toEqual([0, 0]);
    expect(checkExactlyOnce(wd, N)).toBe('');
    expect(attemptsClaimedTwice(wd)).toEqual([]);
  }, 120_000);

  it('records nothing twice when the lock holder is stopped (SIGSTOP) until another farmer finished', async () => {
    const { tasks, wd } = setup();
    const a = startCli([tasks, '-w', wd, ...FLAGS]);
    await until(() => existsSync(join(wd, 'finished')) && readFileSync(join(wd, 'finished'), 'utf8').length > 0);
    const { strace: s } = await attach(a.child.pid!, wd, 'inject=openat:signal=SIGSTOP:when=3');
    // A stops itself inside the lock; B takes the lock over once stale, A's tasks by lease,
    // finishes everything and compacts. Only then does A go on.
    await until(() => /^[tT]/.test(readFileSync(`/proc/${a.child.pid}/stat`, 'utf8').split(') ')[1]));
    const rb = await startCli([tasks, '-w', wd, ...FLAGS]).done;
    s.kill();
    await until(() => s.exitCode !== null || s.signalCode !== null);
    process.kill(a.child.pid!, 'SIGCONT');
    const ra = await a.done;
    expect([ra.code, rb.code], ra.stderr + rb.stderr).toEqual([0, 0]);
    expect(checkExactlyOnce(wd, N)).toBe('');
    expect(attemptsClaimedTwice(wd)).toEqual([]);
  }, 120_000);
});
