/**
 * Parses a duration given in seconds ("90", "2.5") or with a unit ("90s", "15m", "2h", "1d").
 * PyTaskFarmer's --timeout takes plain seconds, so a bare number means seconds, not ms.
 * Returns milliseconds. `what` names the input in the error message.
 */
export declare function parseDuration(value: string | number, what: string): number;
/** Formats milliseconds for humans: 850ms, 12.3s, 4m05s, 2h03m. */
export declare function formatDuration(millis: number): string;
