import * as fs from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { host } from './identity.js';

/**
 * The lock's fencing token. proper-lockfile's lock is a directory; we put one file in it,
 * `owner-<token>`, created right after the `mkdir` and unique to this acquisition. Whoever
 * takes a stale lock over removes it, so "my token is still there" is exactly "nobody took
 * the lock from me". A holder checks it before each write it makes under the lock (and after
 * each write that may have blocked), removes only its own token on release, and a taker
 * refuses to clear a lock whose token is fresh.
 */
const PREFIX = 'owner-';

/** Thrown by a write under the lock when another farmer took the lock over meanwhile. */
export class LockLostError extends Error {
  constructor(
    lock: string,
    /** True when a write of this section may already have reached its file. */
    readonly afterWrite: boolean,
  ) {
    super(
      `workdir lock ${lock} was taken over by another farmer while this one held it (stalled longer than --lock-stale)`,
    );
  }
}

/** What a locked section hands to every write it makes: `check()` throws LockLostError once the lock is not ours. */
export interface Fence {
  check(afterWrite?: boolean): void;
}

/** A fence for code that runs without the workdir lock (read-only tools, tests): never trips. */
export const NO_FENCE: Fence = { check: () => {} };

const locked = (message: string) => Object.assign(new Error(message), { code: 'ELOCKED' });

/**
 * The `fs` that proper-lockfile uses for one acquisition: its `mkdir` also creates our token
 * (and never makes a 0777 directory, whatever the umask), and its `rmdir` is either a release
 * (only of our own lock) or, while acquiring, the removal of a stale lock and whatever junk
 * was left inside it.
 */
export class LockToken implements Fence {
  readonly name = `${PREFIX}${host.replace(/[^A-Za-z0-9_.-]/g, '_')}-${process.pid}-${randomBytes(6).toString('hex')}`;
  /** Set while proper-lockfile runs its acquire: its rmdir then means "remove a stale lock". */
  acquiring = false;
  /** Ours since a successful mkdir, until released or found taken over. */
  held = false;

  constructor(
    readonly dir: string,
    private readonly stale: number,
  ) {}

  check(afterWrite = false): void {
    if (this.held && fs.existsSync(join(this.dir, this.name))) return;
    this.held = false;
    throw new LockLostError(this.dir, afterWrite);
  }

  /** The fs handed to proper-lockfile (its sync adapter calls the *Sync methods). */
  fs(): Record<string, unknown> {
    return {
      mkdirSync: (dir: string) => this.mkdir(dir),
      rmdirSync: (dir: string) => (this.acquiring ? this.clearStale(dir) : this.release(dir)),
      statSync: fs.statSync,
      utimesSync: fs.utimesSync,
      realpathSync: fs.realpathSync,
    };
  }

  private mkdir(dir: string): void {
    fs.mkdirSync(dir, { mode: 0o755 });
    const made = fs.lstatSync(dir).ino;
    try {
      fs.writeFileSync(join(dir, this.name), `${host} ${process.pid}\n`, { flag: 'wx', mode: 0o644 });
    } catch (err) {
      // Our fresh, still empty directory was cleared by a farmer that had judged the old one
      // stale: it is theirs now (or nobody's), so we wait like for any held lock.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw locked('Lock file is already being held');
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    if (fs.lstatSync(dir, { throwIfNoEntry: false })?.ino !== made) {
      fs.rmSync(join(dir, this.name), { force: true });
      throw locked('Lock file is already being held');
    }
    this.held = true;
  }

  /** Removes only our own lock: if our token is gone, the lock is someone else's now. */
  release(dir = this.dir): void {
    if (!this.held) return;
    this.held = false;
    try {
      fs.unlinkSync(join(dir, this.name));
    } catch {
      return;
    }
    removeIfUnowned(dir);
  }

  /**
   * proper-lockfile found the lock older than `stale` and wants it gone. Between its look and
   * now another farmer may have taken it over (a fresh token inside): then it is held, not
   * stale. Anything else inside (a dead holder's token, junk) goes with it.
   */
  private clearStale(dir: string): void {
    let stats: fs.Stats;
    try {
      stats = fs.lstatSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    if (!stats.isDirectory()) {
      fs.rmSync(dir, { force: true });
      return;
    }
    // A directory made since (its mtime is fresh) is another farmer's new lock, not the old one.
    const freshAfter = Date.now() - this.stale;
    if (stats.mtimeMs > freshAfter || !removeIfUnowned(dir, freshAfter))
      throw locked('Lock file is already being held');
  }
}

/**
 * Removes a lock directory that holds no live token: its junk (and, when clearing a stale
 * lock, tokens older than `freshAfter`), then the directory. False if it is someone's: a
 * token that must stay, or the rmdir found it not empty (taken meanwhile).
 */
function removeIfUnowned(dir: string, freshAfter?: number): boolean {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return true;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (name.startsWith(PREFIX)) {
      const t = fs.lstatSync(path, { throwIfNoEntry: false });
      if (freshAfter === undefined || (t && t.mtimeMs > freshAfter)) return false;
    }
    fs.rmSync(path, { recursive: true, force: true });
  }
  try {
    fs.rmdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw err;
  }
  return true;
}
