import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, startOnPty, tempDir, waitFor, writeTasks } from '../helpers/cli.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Runs the CLI on a pseudo-terminal, as a user at a terminal sees it. */
async function runOnPty(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; screen: string }> {
  const child = startOnPty(args, env);
  let screen = '';
  child.stdout.on('data', (d) => (screen += d));
  return { code: await child.closed, screen };
}

/**
 * Pieces of text as a terminal would show them: a newline, a carriage return or a move to a
 * column (ESC [ n G, how the bar goes back to the line start) starts a new piece; escapes removed.
 */
const lines = (s: string) =>
  s
    .split(/\r?\n|\r|\x1b\[\d*G/)
    .map((l) => l.replace(ANSI, ''))
    .filter(Boolean);

describe('live progress', () => {
  it('without a terminal prints plain progress lines (no escape codes) while tasks run, and a last one at the end', async () => {
    const dir = tempDir('tf-progress-');
    const gate = join(dir, 'gate');
    const tasks = writeTasks(dir, [
      `while [ ! -e ${gate} ]; do sleep 0.05; done`,
      ...Array.from({ length: 7 }, (_, i) => `echo ${i}`),
      'exit 3',
    ]);
    const run = startCli([tasks, '-n', '2'], { env: { TASKFARMER_PROGRESS_INTERVAL: '0.2' } });
    // The first task waits until a progress line has been printed, so at least one is, whatever the speed.
    await waitFor(() => run.output().stderr.includes('taskfarmer: progress'), 20_000, 'a progress line');
    writeFileSync(gate, '');
    const r = await run.done;
    expect(r.code).toBe(1);
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('taskfarmer: progress'));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatch(
      /^taskfarmer: progress \d+\/9 \([\d.]+%\): \d+ done, [01] failed, [012] running \| [\d.]+ tasks\/s \| ETA \S+ \| elapsed \S+$/,
    );
    expect(progress[progress.length - 1]).toMatch(
      /^taskfarmer: progress 9\/9 \(100\.0%\): 8 done, 1 failed, 0 running/,
    );
    expect(r.stderr + r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toContain('taskfarmer: task 8 failed (exit 3)');
  });

  it('-q prints no progress, on a terminal or not', async () => {
    const dir = tempDir('tf-progress-');
    const tasks = writeTasks(dir, ['sleep 0.3', 'true']);
    const plain = await runCli([tasks, '-n', '1', '-q', '-w', join(dir, 'a')], {
      env: { TASKFARMER_PROGRESS_INTERVAL: '0.05' },
    });
    expect(plain.code).toBe(0);
    expect(plain.stdout + plain.stderr).toBe('');
    const pty = await runOnPty([tasks, '-n', '1', '-q', '-w', join(dir, 'b')]);
    expect(pty.code).toBe(0);
    expect(pty.screen.replace(ANSI, '').trim()).toBe('');
  });

  it('on a terminal draws a bar with done/failed/running, rate and ETA; failures and --verbose lines print above it', async () => {
    const dir = tempDir('tf-progress-');
    const tasks = writeTasks(dir, [...Array.from({ length: 11 }, (_, i) => `sleep 0.0${i % 3}; echo ${i}`), 'exit 3']);
    const r = await runOnPty([tasks, '-n', '2', '--verbose']);
    expect(r.code).toBe(1);
    expect(r.screen).toContain('█');
    const shown = lines(r.screen);
    // The bar's final state.
    expect(shown).toContainEqual(
      expect.stringMatching(/^█{24} 100% \| 12\/12 \| 11 done, 1 failed, 0 running \| [\d.]+\/s \| ETA 0s \| \S+$/),
    );
    // Lines printed while the bar was up are whole lines, not glued to the bar.
    expect(shown).toContainEqual(
      expect.stringMatching(/^taskfarmer: task 11 failed \(exit 3\) after \S+: exit 3 — log: /),
    );
    for (let i = 0; i < 12; i++) {
      expect(shown).toContainEqual(
        expect.stringMatching(new RegExp(`^\\[start\\] task ${i} attempt 1 on worker \\d: `)),
      );
    }
    expect(shown.filter((l) => /^\[done\] task \d+ attempt 1 \(exit 0\)/.test(l))).toHaveLength(11);
    expect(shown[shown.length - 1]).toMatch(/^taskfarmer: 11 finished, 1 failed — /);
  });
});
