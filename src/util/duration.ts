import ms from 'ms';
import { UsageError } from './errors.js';

/**
 * Parses a duration given in seconds ("90", "2.5") or with a unit ("90s", "15m", "2h", "1d").
 * PyTaskFarmer's --timeout takes plain seconds, so a bare number means seconds, not ms.
 * Returns milliseconds. `what` names the input in the error message.
 */
export function parseDuration(value: string | number, what: string): number {
  const text = String(value).trim();
  let millis: number | undefined;
  if (/^\d+(\.\d+)?$/.test(text)) millis = Number(text) * 1000;
  else if (/^(\d+(\.\d+)?\s*[a-z]+\s*)+$/i.test(text)) {
    // One or more number+unit parts ("90s", "1h30m"), each read by ms.
    millis = 0;
    for (const part of text.match(/\d+(\.\d+)?\s*[a-z]+/gi)!) millis += ms(part as ms.StringValue) ?? NaN;
  }
  if (millis === undefined || !Number.isFinite(millis) || millis <= 0) {
    throw new UsageError(
      `${what} must be a positive duration in seconds or with a unit such as 90s, 15m, 2h (got "${text}")`,
    );
  }
  return millis;
}

/** Formats milliseconds for humans: 850ms, 12.3s, 4m05s, 2h03m. */
export function formatDuration(millis: number): string {
  if (millis < 1000) return `${Math.round(millis)}ms`;
  const s = millis / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
