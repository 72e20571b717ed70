/**
 * An error the user caused (bad flag, missing file, changed tasklist…). Adapters print its
 * message as one line and exit 2; nothing on disk has been changed when it is thrown.
 */
export declare class UsageError extends Error {
    readonly name = "UsageError";
    readonly exitCode = 2;
}
/** True for errors that carry a user-facing one-line message. */
export declare function isUsageError(err: unknown): err is UsageError;
/** The message of any thrown value, on one line. */
export declare function oneLine(err: unknown): string;
