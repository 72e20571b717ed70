import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startCli, waitFor, writeTasks, type RunResult } from '../helpers/cli.js';

/**
 * Two farmers on one workdir, each with its workers busy: tasks 0 and 1 wait on a gate that
 * opens only once the second farmer has claimed tasks too, so both take part whatever the
 * machine's speed. `tasks` get ids from 2 on.
 */
export async function twoFarmers(
  dir: string,
  tasks: string[],
  extra: string[] = [],
  workers: [number, number] = [2, 2],
): Promise<{ wd: string; results: RunResult[] }> {
  const gate = join(dir, 'gate');
  const wd = join(dir, 'wd');
  const wait = `while [ ! -e ${gate} ]; do sleep 0.02; done`;
  const list = writeTasks(dir, [wait, wait, ...tasks]);
  // A short lease: an idle farmer polls for the other's tasks every lease/6.
  const args = (n: number) => [list, '-n', String(n), '-w', wd, '--lease', '3s', ...extra];
  const a = startCli(args(workers[0]));
  const journals = join(wd, '.taskfarmer', 'journal');
  const claims = () =>
    readdirSync(journals).map((f) => (readFileSync(join(journals, f), 'utf8').match(/"t":"claim"/g) ?? []).length);
  await waitFor(() => existsSync(journals) && claims().length === 1, 20_000, 'the first farmer');
  const b = startCli(args(workers[1]));
  await waitFor(() => claims().length === 2 && claims().every((n) => n >= 2), 20_000, 'both farmers claiming');
  writeFileSync(gate, '');
  const results = await Promise.all([a.done, b.done]);
  for (const r of results) expect(r.stderr).not.toMatch(/internal error/);
  return { wd, results };
}
