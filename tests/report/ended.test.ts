import { describe, expect, it } from 'vitest';
import { howEnded } from '../../src/report/ended.js';

describe('howEnded: the one wording of how an attempt ended', () => {
  it('says timed out first, then the signal, then the exit status', () => {
    expect(howEnded({ code: 143, signal: 'SIGTERM', timedOut: true })).toBe('timed out');
    expect(howEnded({ code: 137, signal: 'SIGKILL', timedOut: false })).toBe('killed by SIGKILL');
    expect(howEnded({ code: 3, signal: null, timedOut: false })).toBe('exit 3');
    expect(howEnded({ code: 0, signal: null, timedOut: false })).toBe('exit 0');
  });

  it('says so when the exit status is unknown (could not start, or not journaled)', () => {
    expect(howEnded({ code: null, signal: null, timedOut: false })).toBe('exit status unknown');
  });
});
