import type { StopReason } from './options.js';

/**
 * The farmer's phase: one state, changed only by next() below. Only a `running` farmer claims
 * and starts tasks. A stop, a drain or a failure can arrive at any moment (signals, timers, the
 * workdir), so every event is legal in every phase but `done`'s close: one that changes nothing
 * is ignored. The phases never go back (see FOLLOWS).
 */
export type Phase =
  | { readonly name: 'running' }
  /** No new tasks; the running ones finish and count. */
  | { readonly name: 'draining'; readonly reason: StopReason }
  /** Running tasks are killed and put back. */
  | { readonly name: 'stopping'; readonly reason: StopReason }
  /**
   * The workdir could not be written (or named a command not in the tasklist): running tasks
   * are killed, the farmer ends with exit 74 (2). `reason` is the drain or stop it had, for the
   * result; `stopped` says whether a stop was asked (then a second one kills at once).
   */
  | { readonly name: 'failed'; readonly error: Error; readonly reason?: StopReason; readonly stopped: boolean }
  /**
   * Closing the workdir, then closed: no task runs. `last` is the phase it ended in; a stop or
   * a failure during the close still lands there (a stop ends a close's wait for the lock).
   */
  | { readonly name: 'done'; readonly last: Active };

export type PhaseName = Phase['name'];
type Active = Exclude<Phase, { name: 'done' }>;

export type PhaseEvent =
  | { readonly type: 'drain'; readonly reason: StopReason }
  | { readonly type: 'stop'; readonly reason: StopReason }
  | { readonly type: 'fail'; readonly error: Error }
  /** Nothing runs or is left to record: close the workdir. Once only. */
  | { readonly type: 'close' };

/**
 * What the farm does about an event. `drain`: hand back the tasks claimed ahead, say so, let
 * the running ones finish. `stop`: also end lock waits and kill the running trees (SIGTERM,
 * SIGKILL after the grace). `kill`: a second stop, SIGKILL at once. `fail`: kill the running
 * trees. `close`: close the workdir. `none`: ignored (a drain while stopping, a second failure).
 */
export type Effect = 'none' | 'drain' | 'stop' | 'kill' | 'fail' | 'close';

/** Which phase may follow which: never back to running, nothing after done. */
export const FOLLOWS: Readonly<Record<PhaseName, readonly PhaseName[]>> = {
  running: ['draining', 'stopping', 'failed', 'done'],
  draining: ['stopping', 'failed', 'done'],
  stopping: ['failed', 'done'],
  failed: ['done'],
  done: [],
};

export class IllegalTransition extends Error {}

/** The one place that decides transitions: the phase after `event`, and what to do about it. */
export function next(phase: Phase, event: PhaseEvent): { phase: Phase; effect: Effect } {
  if (phase.name === 'done') {
    if (event.type === 'close') throw new IllegalTransition('the farmer is already done: it closes once');
    const inner = next(phase.last, event);
    return { phase: { name: 'done', last: inner.phase as Active }, effect: inner.effect };
  }
  const to = decide(phase, event);
  if (to.phase.name !== phase.name && !FOLLOWS[phase.name].includes(to.phase.name)) {
    throw new IllegalTransition(`${phase.name} cannot become ${to.phase.name}`);
  }
  return to;
}

function decide(p: Active, e: PhaseEvent): { phase: Phase; effect: Effect } {
  const same = { phase: p, effect: 'none' as const };
  switch (e.type) {
    case 'close':
      return { phase: { name: 'done', last: p }, effect: 'close' };
    case 'drain':
      return p.name === 'running' ? { phase: { name: 'draining', reason: e.reason }, effect: 'drain' } : same;
    case 'stop':
      if (p.name === 'stopping' || (p.name === 'failed' && p.stopped)) return { phase: p, effect: 'kill' };
      // A stop's reason is the one reported, even after a drain.
      if (p.name === 'failed') return { phase: { ...p, reason: e.reason, stopped: true }, effect: 'stop' };
      return { phase: { name: 'stopping', reason: e.reason }, effect: 'stop' };
    case 'fail':
      if (p.name === 'failed') return same;
      return {
        phase: {
          name: 'failed',
          error: e.error,
          reason: p.name === 'running' ? undefined : p.reason,
          stopped: p.name === 'stopping',
        },
        effect: 'fail',
      };
  }
}

/** Claims and starts tasks. */
export function accepting(p: Phase): boolean {
  return p.name === 'running';
}

/** A stop was asked (a second one kills at once; lock waits are cut short). */
export function stopAsked(p: Phase): boolean {
  if (p.name === 'done') return stopAsked(p.last);
  return p.name === 'stopping' || (p.name === 'failed' && p.stopped);
}

/** Why it ended early, for the result: the stop's reason, else the drain's. */
export function endReason(p: Phase): StopReason | undefined {
  if (p.name === 'done') return endReason(p.last);
  return p.name === 'running' ? undefined : p.reason;
}

/** The error that failed it, if one did. */
export function failure(p: Phase): Error | undefined {
  if (p.name === 'done') return failure(p.last);
  return p.name === 'failed' ? p.error : undefined;
}
