/**
 * Which filesystem errors mean "the workdir is unreachable for now" rather than "it cannot be
 * written" (ENOSPC, EROFS, EDQUOT, EACCES: exit 74 at once). A network or FUSE filesystem
 * answers ENOTCONN or EIO while its server (a GlusterFS brick, an NFS server, a Lustre OST) is
 * away, ESTALE when a handle went stale across a server restart, ETIMEDOUT on a soft NFS mount.
 * Such an outage may end by itself, so a farmer waits for it, up to a limit.
 */
const UNREACHABLE = new Set([
  'ENOTCONN',
  'EIO',
  'ESTALE',
  'ETIMEDOUT',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ENETUNREACH',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EREMOTEIO',
]);

/** True for an error of a filesystem that is (perhaps for a while) not answering. */
export function isUnreachable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && UNREACHABLE.has(code);
}

/** `ENOTCONN` (and the system's short text, if any), for one-line messages. */
export function errorCode(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const text = /^[A-Z]+: ([^,]+)/.exec(e?.message ?? '')?.[1];
  return e?.code ? (text ? `${e.code}: ${text}` : e.code) : String(e?.message ?? err);
}

/** The same, from the text of an error reported by another process (the task launcher's strerror). */
export function isUnreachableText(message: string): boolean {
  return /not connected|input\/output error|stale file handle|timed out|host is down|no route to host/i.test(message);
}
