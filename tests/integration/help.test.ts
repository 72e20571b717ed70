import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('taskfarmer --help', () => {
  it("lists the run flags at the top level, as PyTaskFarmer's --help does", async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['-n, --proc', '-w, --workdir', '--timeout', '--task-timeout', '--retries', '-r, --runner'])
      expect(r.stdout).toContain(flag);
    for (const command of ['status', 'report', 'config']) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('run --help shows them once', async () => {
    const r = await runCli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/--proc/g)).toHaveLength(1);
  });
});
