/**
 * A throw-away GlusterFS volume with several FUSE client mounts (one per pretend node), started
 * by tests/gluster/cluster.sh. Usage in vitest:
 *
 *   const reason = glusterAvailable();
 *   describe.skipIf(reason)('on GlusterFS', () => {
 *     let g: GlusterCluster;
 *     beforeAll(async () => { g = await startGluster(); }, 120_000);
 *     afterAll(() => g?.stop());
 *     it('...', () => { ... g.mounts[0] ... g.mounts[1] ... });
 *   });
 *
 * Environment:
 *   TASKFARMER_SKIP_GLUSTER=1   report GlusterFS as unavailable (skip those tests)
 *   TASKFARMER_KEEP_GLUSTER=1   stop() keeps the volume and its mounts, for debugging
 *   GLUSTER_TEST_MOUNTS, GLUSTER_TEST_TIMEOUT: see cluster.sh
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GLUSTER_SH = fileURLToPath(new URL('../gluster/cluster.sh', import.meta.url));
/** cluster.sh holds this lock while it talks to glusterd (whose CLI refuses concurrent use). */
export const GLUSTER_LOCK = '/run/lock/taskfarmer-gluster.lock';

/** The processes that have `path` open (pid and command), for a message. */
export function heldBy(path: string): string {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const fds = readdirSync(`/proc/${pid}/fd`);
      if (fds.some((fd) => readlinkSafe(`/proc/${pid}/fd/${fd}`) === path)) {
        out.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()}`);
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return out.join('; ') || 'nobody';
}

function readlinkSafe(p: string): string {
  try {
    return readlinkSync(p);
  } catch {
    return '';
  }
}

export interface GlusterCluster {
  /** Holds the brick (brick/) and the mount points (m1, m2, …). */
  dir: string;
  volume: string;
  /** One FUSE mount of the volume per pretend node; the same files under each. */
  mounts: string[];
  /** pid of the glusterfs client process behind mounts[i]. */
  clientPid(i: number): number;
  /** pid of the brick process (glusterfsd). */
  brickPid(): number;
  /** Starts a dead brick again (`gluster volume start V force`). */
  startBrick(): Promise<void>;
  /** Mounts again what a test broke (a killed client), as `start` does. */
  restart(): Promise<void>;
  /** Unmounts, deletes the volume and the directory. Safe to call twice. */
  stop(): Promise<void>;
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

function findExecutable(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS]) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

let availability: string | null | undefined;

/** null if a test volume can be started here, else why not (for `skipIf`). */
export function glusterAvailable(): string | null {
  availability ??= checkAvailable();
  return availability;
}

function checkAvailable(): string | null {
  if (process.env.TASKFARMER_SKIP_GLUSTER) return 'TASKFARMER_SKIP_GLUSTER is set';
  if (process.platform !== 'linux') return `GlusterFS mounts need Linux, not ${process.platform}`;
  if (!findExecutable('glusterd') || !findExecutable('gluster')) {
    return 'glusterfs-server not installed (glusterd not on PATH)';
  }
  if (!findExecutable('mount.glusterfs')) return 'glusterfs-client not installed (mount.glusterfs not on PATH)';
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse: FUSE mounts are not possible here';
  if (process.getuid?.() !== 0) return 'not root (glusterd and mount need root)';
  if (!findExecutable('flock')) return 'flock (util-linux) not on PATH';
  return null;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], timeoutMs = 180_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [GLUSTER_SH, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function pidOf(args: string[]): number {
  const r = spawnSync('bash', [GLUSTER_SH, ...args], { encoding: 'utf8', timeout: 30_000 });
  const pid = Number(r.stdout.trim().split('\n')[0]);
  if (!pid) throw new Error(`cluster.sh ${args.join(' ')} found no process: ${r.stderr}`);
  return pid;
}

/** Starts a fresh volume in a new temp directory (~5-15 s here). Rejects with the reason if it fails. */
export async function startGluster(): Promise<GlusterCluster> {
  const reason = glusterAvailable();
  if (reason) throw new Error(`cannot start a GlusterFS test volume: ${reason}`);
  const dir = await mkdtemp('/tmp/tf-gluster-');
  const started = await run(['start', dir]);
  const last = started.stdout.trim().split('\n').pop() ?? '';
  const match = /^export GLUSTER_VOLUME=(\S+) GLUSTER_MOUNTS="([^"]+)"$/.exec(last);
  if (started.code !== 0 || !match) {
    await run(['stop', dir]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`tests/gluster/cluster.sh start ${dir} failed (exit ${started.code}):\n${started.stderr}`);
  }
  // The mounts would outlive a test process that exits without stop().
  const onExit = (): void => {
    spawnSync('bash', [GLUSTER_SH, 'stop', dir], { stdio: 'ignore', timeout: 60_000 });
  };
  if (!process.env.TASKFARMER_KEEP_GLUSTER) process.once('exit', onExit);
  let stopped: Promise<void> | undefined;
  return {
    dir,
    volume: match[1],
    mounts: match[2].split(' '),
    clientPid: (i) => pidOf(['client-pid', dir, String(i + 1)]),
    brickPid: () => pidOf(['brick-pid', dir]),
    async startBrick() {
      const r = await run(['brick-start', dir]);
      if (r.code !== 0) throw new Error(`cluster.sh brick-start failed: ${r.stderr}`);
    },
    async restart() {
      const r = await run(['start', dir]);
      if (r.code !== 0) throw new Error(`cluster.sh start (again) failed: ${r.stderr}`);
    },
    stop() {
      if (process.env.TASKFARMER_KEEP_GLUSTER) return Promise.resolve();
      stopped ??= (async () => {
        process.off('exit', onExit);
        const r = await run(['stop', dir]);
        if (r.code !== 0) throw new Error(`tests/gluster/cluster.sh stop ${dir} failed: ${r.stderr}`);
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
