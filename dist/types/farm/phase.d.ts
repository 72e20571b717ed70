import type { StopReason } from './options.js';
/**
 * The farmer's phase: one state, changed only by next() below. Only a `running` farmer claims
 * and starts tasks. A stop, a drain or a failure can arrive at any moment (signals, timers, the
 * workdir), so every event is legal in every phase but `done`'s close: one that changes nothing
 * is ignored. The phases never go back (see FOLLOWS).
 */
export type Phase = {
    readonly name: 'running';
}
/** No new tasks; the running ones finish and count. */
 | {
    readonly name: 'draining';
    readonly reason: StopReason;
}
/** Running tasks are killed and put back. */
 | {
    readonly name: 'stopping';
    readonly reason: StopReason;
}
/**
 * The workdir could not be written (or named a command not in the tasklist): running tasks
 * are killed, the farmer ends with exit 74 (2). `reason` is the drain or stop it had, for the
 * result; `stopped` says whether a stop was asked (then a second one kills at once).
 */
 | {
    readonly name: 'failed';
    readonly error: Error;
    readonly reason?: StopReason;
    readonly stopped: boolean;
}
/**
 * Closing the workdir, then closed: no task runs. `last` is the phase it ended in; a stop or
 * a failure during the close still lands there (a stop ends a close's wait for the lock).
 */
 | {
    readonly name: 'done';
    readonly last: Active;
};
export type PhaseName = Phase['name'];
type Active = Exclude<Phase, {
    name: 'done';
}>;
export type PhaseEvent = {
    readonly type: 'drain';
    readonly reason: StopReason;
} | {
    readonly type: 'stop';
    readonly reason: StopReason;
} | {
    readonly type: 'fail';
    readonly error: Error;
}
/** Nothing runs or is left to record: close the workdir. Once only. */
 | {
    readonly type: 'close';
};
/**
 * What the farm does about an event. `drain`: hand back the tasks claimed ahead, say so, let
 * the running ones finish. `stop`: also end lock waits and kill the running trees (SIGTERM,
 * SIGKILL after the grace). `kill`: a second stop, SIGKILL at once. `fail`: kill the running
 * trees. `close`: close the workdir. `none`: ignored (a drain while stopping, a second failure).
 */
export type Effect = 'none' | 'drain' | 'stop' | 'kill' | 'fail' | 'close';
/** Which phase may follow which: never back to running, nothing after done. */
export declare const FOLLOWS: Readonly<Record<PhaseName, readonly PhaseName[]>>;
export declare class IllegalTransition extends Error {
}
/** The one place that decides transitions: the phase after `event`, and what to do about it. */
export declare function next(phase: Phase, event: PhaseEvent): {
    phase: Phase;
    effect: Effect;
};
/** Claims and starts tasks. */
export declare function accepting(p: Phase): boolean;
/** A stop was asked (a second one kills at once; lock waits are cut short). */
export declare function stopAsked(p: Phase): boolean;
/** Why it ended early, for the result: the stop's reason, else the drain's. */
export declare function endReason(p: Phase): StopReason | undefined;
/** The error that failed it, if one did. */
export declare function failure(p: Phase): Error | undefined;
export {};
