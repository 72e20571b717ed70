/**
 * When the sync loop's rounds run: one at a time, on the next turn of the event loop once asked
 * for; asked for during a round, one more follows it. A round can also be asked for later, with
 * one timer per purpose (asking again while it is due changes nothing).
 */
export declare class Rounds<Purpose extends string> {
    private readonly round;
    /** False before the loop starts and once it closes: requests are dropped. */
    private readonly allowed;
    private running;
    private again;
    private readonly later;
    constructor(round: () => Promise<void>, 
    /** False before the loop starts and once it closes: requests are dropped. */
    allowed: () => boolean);
    request(): void;
    /** A round in `ms`, unless one for the same purpose is already due. */
    soon(purpose: Purpose, ms: number): void;
    /** The round has done its work: from now on a request starts the next one. */
    done(): void;
    /** One more round is wanted after this one. */
    askAgain(): void;
    /** Whether one more round was asked for during this one (and forget it). */
    takeAgain(): boolean;
    /** No more rounds: the loop closes. */
    cancel(): void;
}
