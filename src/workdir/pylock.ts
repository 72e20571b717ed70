import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * PyTaskFarmer serialises its workdir changes with `flock` on a lock file: `WORKDIR/lock`, or,
 * when $SCRATCH (else $TMP, else $TMPDIR) is set, `<that>/<md5 of the absolute workdir>_lock`.
 * It does not know our journals, so a PyTaskFarmer started on a workdir our farmers are using
 * would pop tasks they hold. While a farmer of ours runs it holds a shared flock on the file(s)
 * PyTaskFarmer would use: our farmers share it, PyTaskFarmer's exclusive lock waits (and gives
 * up after its own 10 s) instead of corrupting the workdir.
 */
export function pyTaskFarmerLocks(dir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const paths = [join(dir, 'lock')];
  const area = env.SCRATCH ?? env.TMP ?? env.TMPDIR;
  if (area !== undefined) paths.push(`${area}/${createHash('md5').update(dir).digest('hex')}_lock`);
  return paths;
}

// Holds a shared flock on each path until its stdin closes (we ended, or died: the pipe closes
// either way, so a crashed farmer never leaves the lock held). Node has no flock; perl is
// already what our launchers use.
const HOLDER = `
use Fcntl qw(:DEFAULT :flock);
my @held;
for my $p (@ARGV) {
  sysopen(my $f, $p, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0644) or next;
  flock($f, LOCK_SH) and push @held, $f;
}
$| = 1;
print scalar(@held), "\\n";
1 while <STDIN>;
`;

export interface PyLock {
  /** Resolves once the locks are held (or could not be: no perl, a read-only area). */
  ready: Promise<number>;
  release(): void;
}

export function holdPyTaskFarmerLocks(paths: string[]): PyLock {
  let child: ChildProcess;
  try {
    child = spawn('perl', ['-e', HOLDER, ...paths], { stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return { ready: Promise.resolve(0), release: () => {} };
  }
  const ready = new Promise<number>((res) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) res(Number(out.trim()) || 0);
    });
    child.on('error', () => res(0));
    child.on('exit', () => res(0));
  });
  // It must not keep the farmer's event loop alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  return {
    ready,
    release: () => {
      child.stdin?.end();
      child.kill();
    },
  };
}
