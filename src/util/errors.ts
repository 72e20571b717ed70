/**
 * An error the user caused (bad flag, missing file, changed tasklist…). Adapters print its
 * message as one line and exit 2; nothing on disk has been changed when it is thrown.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** True for errors that carry a user-facing one-line message. */
export function isUsageError(err: unknown): err is UsageError {
  return err instanceof UsageError;
}

/** The message of any thrown value, on one line. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, ' ').trim();
}
