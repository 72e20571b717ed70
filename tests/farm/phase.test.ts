/**
 * The farmer's phase (src/farm/phase.ts): one state, moved only by next(). Stops, drains and
 * failures may come at any moment and in any order; each test says what the farm must do.
 */
import { describe, expect, it } from 'vitest';
import {
  accepting,
  endReason,
  failure,
  FOLLOWS,
  IllegalTransition,
  next,
  stopAsked,
  type Phase,
  type PhaseEvent,
} from '../../src/farm/phase.js';

const disk = new Error('ENOSPC');
const running: Phase = { name: 'running' };
const drain: PhaseEvent = { type: 'drain', reason: 'drain' };
const walltime: PhaseEvent = { type: 'drain', reason: 'walltime' };
const term: PhaseEvent = { type: 'stop', reason: 'signal:SIGTERM' };
const timeout: PhaseEvent = { type: 'stop', reason: 'timeout' };
const fail: PhaseEvent = { type: 'fail', error: disk };
const close: PhaseEvent = { type: 'close' };

/** Applies the events in order; returns the last phase and every effect. */
function run(events: PhaseEvent[], from: Phase = running) {
  let phase = from;
  const effects = events.map((e) => {
    const r = next(phase, e);
    phase = r.phase;
    return r.effect;
  });
  return { phase, effects };
}

describe('the farmer phase', () => {
  it('only a running farmer accepts work', () => {
    expect(accepting(running)).toBe(true);
    for (const e of [drain, term, fail, close]) expect(accepting(run([e]).phase)).toBe(false);
  });

  it('a drain, then a stop: the stop kills and its reason is reported', () => {
    const { phase, effects } = run([walltime, term]);
    expect(effects).toEqual(['drain', 'stop']);
    expect(phase).toEqual({ name: 'stopping', reason: 'signal:SIGTERM' });
    expect(endReason(phase)).toBe('signal:SIGTERM');
  });

  it('a drain while draining or stopping changes nothing', () => {
    expect(run([drain, walltime])).toEqual({
      phase: { name: 'draining', reason: 'drain' },
      effects: ['drain', 'none'],
    });
    expect(run([term, drain]).effects).toEqual(['stop', 'none']);
    expect(endReason(run([term, drain]).phase)).toBe('signal:SIGTERM');
  });

  it('a second stop kills at once, and the first reason stays', () => {
    const { phase, effects } = run([term, timeout, timeout]);
    expect(effects).toEqual(['stop', 'kill', 'kill']);
    expect(endReason(phase)).toBe('signal:SIGTERM');
  });

  it('a failure keeps the drain or stop before it, for the result', () => {
    const afterDrain = run([walltime, fail]).phase;
    expect(afterDrain).toEqual({ name: 'failed', error: disk, reason: 'walltime', stopped: false });
    expect(stopAsked(afterDrain)).toBe(false);
    const afterStop = run([term, fail]).phase;
    expect(afterStop).toEqual({ name: 'failed', error: disk, reason: 'signal:SIGTERM', stopped: true });
    expect(stopAsked(afterStop)).toBe(true);
    expect(failure(afterStop)).toBe(disk);
  });

  it('after a failure: a second one and a drain are ignored; a stop still counts once, then kills', () => {
    const { phase, effects } = run([fail, { type: 'fail', error: new Error('later') }, drain, term, term]);
    expect(effects).toEqual(['fail', 'none', 'none', 'stop', 'kill']);
    expect(failure(phase)).toBe(disk);
    expect(endReason(phase)).toBe('signal:SIGTERM');
  });

  it('done remembers how it ended; a stop or failure during the close still lands', () => {
    const done = run([drain, close]).phase;
    expect(done).toEqual({ name: 'done', last: { name: 'draining', reason: 'drain' } });
    expect(endReason(done)).toBe('drain');
    const stoppedWhileClosing = run([term], done);
    expect(stoppedWhileClosing.effects).toEqual(['stop']);
    expect(stopAsked(stoppedWhileClosing.phase)).toBe(true);
    expect(endReason(stoppedWhileClosing.phase)).toBe('signal:SIGTERM');
    const failedWhileClosing = run([fail], run([close]).phase).phase;
    expect(failedWhileClosing.name).toBe('done');
    expect(failure(failedWhileClosing)).toBe(disk);
  });

  it('closes once: closing a done farmer is illegal', () => {
    const done = run([close]).phase;
    expect(() => next(done, close)).toThrow(IllegalTransition);
    expect(() => run([term, fail, close, close])).toThrow(IllegalTransition);
  });

  it('never goes back: every transition from every phase, by every event, is one FOLLOWS allows', () => {
    const phases: Phase[] = [
      running,
      run([drain]).phase,
      run([term]).phase,
      run([fail]).phase,
      run([term, fail]).phase,
    ];
    for (const from of phases) {
      for (const e of [drain, walltime, term, timeout, fail, close]) {
        const to = next(from, e).phase;
        if (to.name !== from.name) expect(FOLLOWS[from.name]).toContain(to.name);
      }
    }
    for (const name of Object.keys(FOLLOWS) as Array<keyof typeof FOLLOWS>) {
      expect(FOLLOWS[name]).not.toContain('running');
    }
    expect(FOLLOWS.done).toEqual([]);
  });
});
