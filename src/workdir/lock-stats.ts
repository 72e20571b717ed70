/**
 * How long this process held the workdir lock each time, and how many tasks it claimed under
 * it: the benchmark's "lock hold time" and "claims per lock" (TASKFARMER_LOCK_STATS, see
 * cli/main.ts). Two numbers a sync; kept for the first million syncs.
 */
const MAX = 1_000_000;
const holds: number[] = [];
const claims: number[] = [];

export function recordLockHold(ms: number, claimed: number): void {
  if (holds.length >= MAX) return;
  holds.push(ms);
  claims.push(claimed);
}

export function lockStats(): { holdMs: number[]; claims: number[] } {
  return { holdMs: holds, claims };
}
