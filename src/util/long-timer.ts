/**
 * setTimeout for any duration. Node stores a timer's delay as a signed 32-bit count of
 * milliseconds: anything above 2^31-1 ms (24.8 days) is clamped to 1 ms, with only a warning,
 * so `--timeout 30d` stopped the farm at once and `--task-timeout 25d` killed every task. Long
 * delays are chained in steps that fit.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
}

export function setLongTimeout(fn: () => void, ms: number): LongTimer {
  let left = ms;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const step = Math.min(left, MAX_TIMER_MS);
    left -= step;
    timer = setTimeout(left > 0 ? arm : fn, step);
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}

/** Clears a plain Node timer or a LongTimer. */
export function cancelTimer(t: NodeJS.Timeout | LongTimer): void {
  if ('clear' in t) t.clear();
  else clearTimeout(t);
}
