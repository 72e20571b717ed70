import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, tempDir, writeTasks } from '../helpers/cli.js';
import { checkExactlyOnce } from './helpers.js';

const APPENDED = 300;
/** Each appended task is ~100 KB long, so the farmer's `add` records make one ~30 MB journal write. */
const PAD = 'x'.repeat(100_000);

/**
 * Busy-polls the journal directory and SIGKILLs the farmer the moment a journal starts to grow:
 * the kernel then stops the farmer inside its write() of the big batch of records. Returns the
 * size the journal had when the farmer was dead.
 */
function killWhenJournalGrows(wd: string, pid: number, timeoutMs: number): string {
  const mine = `-${pid}-`;
  const dir = join(wd, '.taskfarmer', 'journal');
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.includes(mine)) continue;
      let size = 0;
      try {
        size = statSync(join(dir, name)).size;
      } catch {
        continue;
      }
      if (size > 0) {
        process.kill(pid, 'SIGKILL');
        return join(dir, name);
      }
    }
  }
  throw new Error('the farmer wrote no journal in time');
}

describe('SIGKILL during a journal write', () => {
  it('a torn batch of records is recovered at the next start: no task lost, none twice', async () => {
    const dir = tempDir('tf-torn-');
    const tasklist = writeTasks(dir, ['true']);
    const wd = join(dir, 'wd');
    expect((await runCli([tasklist, '-w', wd, '-q'])).code).toBe(0);
    appendFileSync(tasklist, `true #${PAD}\n`.repeat(APPENDED));

    // Tries a few times in case the kill lands only after the write completed.
    let torn = false;
    for (let attempt = 0; attempt < 3 && !torn; attempt++) {
      const farmer = startCli([tasklist, '-n', '2', '-w', wd, '-q', '--lock-stale', '2s']);
      const journal = killWhenJournalGrows(wd, farmer.child.pid!, 30_000);
      const r = await farmer.done;
      expect(r.signal).toBe('SIGKILL');
      torn = !readFileSync(journal, 'utf8').endsWith('\n');
    }
    expect(torn).toBe(true);

    // The killed farmer held the workdir lock: it is taken over once stale.
    const r = await runCli([tasklist, '-n', '2', '-w', wd, '-q', '--lock-stale', '2s']);
    expect(r.code).toBe(0);
    expect(checkExactlyOnce(wd, 1 + APPENDED)).toBe('');
  }, 120_000);
});
