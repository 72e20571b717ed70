import { describe, expect, it } from 'vitest';
import { ClaimPolicy } from '../../src/farm/claim-policy.js';

/** A policy for 4 slots that has seen `n` tasks of `taskMs` and `n` syncs of `syncMs`. */
function seen(taskMs: number, syncMs: number, n = 60): ClaimPolicy {
  const p = new ClaimPolicy(4);
  for (let i = 0; i < n; i++) {
    p.observe(taskMs);
    p.observeSync(syncMs);
  }
  return p;
}

describe('how far ahead a farmer claims', () => {
  it('claims only for free slots until tasks have proven short', () => {
    expect(new ClaimPolicy(4).ahead()).toBe(0);
    expect(seen(500, 1).ahead()).toBe(0);
    expect(seen(50, 1).ahead()).toBe(16);
    expect(new ClaimPolicy(32).want(32, 0)).toBe(32);
  });

  it('claims ahead for tasks under ten syncs long, when the workdir is slow (a shared filesystem)', () => {
    // 150 ms tasks: one by one on a local disk (syncs of 1 ms), in batches where a sync takes 30 ms.
    expect(seen(150, 1).ahead()).toBe(0);
    expect(seen(150, 30).ahead()).toBe(16);
    expect(seen(150, 30).want(2, 0)).toBe(18);
    // Long tasks stay one by one even on a slow workdir: no farmer sits on work another could start.
    expect(seen(5_000, 100).ahead()).toBe(0);
  });

  it('records completions together for longer when a sync is slow, up to a second', () => {
    expect(seen(150, 1).flushMs()).toBe(50);
    expect(seen(150, 40).flushMs()).toBeGreaterThan(150);
    expect(seen(150, 5_000).flushMs()).toBe(1_000);
  });
});
