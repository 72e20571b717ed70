import { closeSync, constants, openSync, unlinkSync, writeSync } from 'node:fs';

/**
 * Opening files in a directory others may write (a shared workdir, a group project space)
 * without writing through what they planted there. A symlink `logs/log_0 -> /etc/something`
 * made a root farmer overwrite its target; `finished -> file` had its last line cut and
 * appended to. O_NOFOLLOW refuses a symlink as the last path component (ELOOP); O_EXCL with
 * O_CREAT refuses anything already there, symlink or hard link.
 */
const { O_WRONLY, O_RDWR, O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;

/** Flags to append to a file, creating it if missing, never through a symlink. */
export const APPEND_NO_FOLLOW = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW;
/** APPEND_NO_FOLLOW, readable too (to find the last complete line before appending). */
export const READ_APPEND_NO_FOLLOW = O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW;

/**
 * A new, empty file of our own at `path`, replacing whatever was there: the old entry is
 * unlinked (a symlink or hard link goes, its target untouched) and the file is created
 * exclusively, so one planted again in between makes the open fail instead of being used.
 */
export function createFresh(path: string, mode: number): number {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
}

/** Creates `path` with `text` unless something is there already (which is left alone). */
export function createIfAbsent(path: string, text: string, mode: number): void {
  let fd: number;
  try {
    fd = openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  try {
    if (text) writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** appendFileSync, never through a symlink. */
export function appendNoFollow(path: string, text: string, mode = 0o644): void {
  const fd = openSync(path, APPEND_NO_FOLLOW, mode);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
