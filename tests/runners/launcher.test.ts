import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAUNCHER = fileURLToPath(new URL('../../src/runners/launcher.pl', import.meta.url));

describe('the task launcher (src/runners/launcher.pl)', () => {
  it('compiles under perl -c', () => {
    const out = execFileSync('perl', ['-c', LAUNCHER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });

  it('speaks its documented protocol: P then X for a task that exits 3, E for one that cannot start', () => {
    const log = `/tmp/tf-launcher-${process.pid}.log`;
    const request = (fields: string[]) =>
      `${fields.length}\n` + fields.map((f) => `${Buffer.byteLength(f)}\n${f}`).join('');
    const input =
      request([log, 'w', '', '', '1', 'GREETING=hé', '/bin/sh', '-c', 'echo "$GREETING"; exit 3']) +
      request(['/nonexistent-dir/log', 'w', '', '', '0', '/bin/true']);
    const out = execFileSync('perl', [LAUNCHER, 'INT', 'TERM'], { input, encoding: 'utf8' });
    expect(out).toMatch(/^P \d+\nX 3\nE cannot write log \/nonexistent-dir\/log: .+\n$/);
    expect(execFileSync('cat', [log], { encoding: 'utf8' })).toBe('hé\n');
    execFileSync('rm', ['-f', log]);
  });
});
