import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/util/duration.js';
import { UsageError } from '../../src/util/errors.js';

describe('durations', () => {
  it('bare numbers are seconds; units are accepted', () => {
    expect(parseDuration('90', 'x')).toBe(90_000);
    expect(parseDuration('2.5', 'x')).toBe(2_500);
    expect(parseDuration('90s', 'x')).toBe(90_000);
    expect(parseDuration('15m', 'x')).toBe(900_000);
    expect(parseDuration('2h', 'x')).toBe(7_200_000);
    expect(parseDuration('1h30m', 'x')).toBe(5_400_000);
  });
  it.each(['-1', '0', 'abc', '5x', '', '1.2.3', '-5s', '1h 5q'])('rejects %j naming the input', (v) => {
    expect(() => parseDuration(v, '--timeout')).toThrow(UsageError);
    expect(() => parseDuration(v, '--timeout')).toThrow(/^--timeout must be a positive duration/);
  });
});
