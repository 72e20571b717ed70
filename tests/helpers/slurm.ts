/**
 * A throw-away Slurm cluster (munged, slurmctld, slurmd n1..n3 on this host)
 * for tests, started by tests/slurm/cluster.sh. Usage in vitest:
 *
 *   const reason = slurmAvailable();
 *   describe.skipIf(reason)('under Slurm', () => {
 *     let cluster: SlurmCluster;
 *     beforeAll(async () => { cluster = await startCluster(); }, 90_000);
 *     afterAll(() => cluster?.stop());
 *     it('...', () => { execa('srun', [...], { env: cluster.env, extendEnv: false }); });
 *   });
 *
 * Environment:
 *   TASKFARMER_SKIP_SLURM=1   report Slurm as unavailable (skip those tests)
 *   TASKFARMER_KEEP_SLURM=1   stop() keeps the cluster's directory (logs) for debugging
 *   SLURM_TEST_PORT_BASE, SLURM_TEST_CPUS, SLURM_TEST_TIMEOUT: see cluster.sh
 */
import { execa, execaSync } from 'execa';
import { accessSync, constants, existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AS_SPAWNED } from './exec.js';

export interface SlurmCluster {
  /** Holds slurm.conf, munge socket, state, spool and logs (log/*.log). */
  dir: string;
  /** process.env without any inherited SLURM_* job variables, plus SLURM_CONF. */
  env: NodeJS.ProcessEnv;
  /** Kills every job, stops the daemons, removes dir. Safe to call twice. */
  stop(): Promise<void>;
}

export const CLUSTER_SH = fileURLToPath(new URL('../slurm/cluster.sh', import.meta.url));

const SEARCH_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

let availability: string | null | undefined;

/** null if a test cluster can be started here, else why not (for `skipIf`). */
export function slurmAvailable(): string | null {
  if (availability !== undefined) return availability;
  availability = checkAvailable();
  return availability;
}

function checkAvailable(): string | null {
  if (process.env.TASKFARMER_SKIP_SLURM) return 'TASKFARMER_SKIP_SLURM is set';
  if (process.platform !== 'linux') return `the Slurm test cluster needs Linux, not ${process.platform}`;
  for (const daemon of ['slurmctld', 'slurmd']) {
    if (!findExecutable(daemon)) return `slurm-wlm not installed (${daemon} not on PATH)`;
  }
  if (!findExecutable('munged')) return 'munge not installed (munged not on PATH)';
  for (const client of ['sinfo', 'squeue', 'srun', 'sbatch', 'salloc', 'scancel']) {
    if (!findExecutable(client)) return `Slurm client commands not installed (${client} not on PATH)`;
  }
  if (!findExecutable('bash')) return 'bash not on PATH (needed by tests/slurm/cluster.sh)';
  if (!existsSync(CLUSTER_SH)) return `${CLUSTER_SH} is missing`;
  if (process.getuid?.() !== 0) return 'not root (slurmd must run as root to start jobs)';
  return null;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function run(args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  // execa resolves once the script has exited and its output is closed: the daemons are
  // forked off and keep no pipe open, so that comes right after the exit. A script still
  // running at timeoutMs is SIGKILLed and reported with code null.
  const result = await execa('bash', [CLUSTER_SH, ...args], {
    ...AS_SPAWNED,
    stdin: 'ignore',
    env: { ...cleanEnv(process.env), ...env },
    extendEnv: false,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  // Not started at all (no bash): an error, as before, not an exit code.
  if (result.exitCode === undefined && result.signal === undefined) {
    throw new Error(result.shortMessage ?? `${CLUSTER_SH} did not start`, { cause: result.cause });
  }
  return { code: result.exitCode ?? null, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Variables a Slurm job exports (SLURM_JOB_ID, SLURM_NODELIST, SBATCH_*, ...)
 * would make srun/sbatch think they run inside a job of *another* cluster when
 * the tests themselves run under Slurm: drop them all.
 */
function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^(SLURM_|SLURMD_|SBATCH_|SALLOC_|SRUN_|SQUEUE_|SINFO_|SCANCEL_)/.test(key)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Starts a fresh cluster in a new temp directory (well under a second here;
 * allow ~60 s in a beforeAll for slow CI hosts). Rejects with the daemons'
 * logs in the message if it does not come up. `gluster`: every node mounts that
 * volume at that path with a client of its own (SLURM_TEST_GLUSTER).
 */
export async function startCluster(
  options: { gluster?: { volume: string; path: string } } = {},
): Promise<SlurmCluster> {
  const reason = slurmAvailable();
  if (reason) throw new Error(`cannot start a Slurm test cluster: ${reason}`);

  // The munge socket lives in dir and a unix socket path has at most 107 bytes.
  const base = tmpdir().length <= 40 ? tmpdir() : '/tmp';
  const dir = await mkdtemp(path.join(base, 'tf-slurm-'));
  // Each node with its own GlusterFS client of this volume at this path (see cluster.sh).
  const env = options.gluster ? { SLURM_TEST_GLUSTER: `${options.gluster.volume}:${options.gluster.path}` } : {};
  const started = await run(['start', dir], 120_000, env);
  const last = started.stdout.trim().split('\n').pop() ?? '';
  const match = /^export SLURM_CONF=(.+)$/.exec(last);
  if (started.code !== 0 || !match) {
    await run(['stop', dir], 30_000).catch(() => undefined);
    if (!process.env.TASKFARMER_KEEP_SLURM) await rm(dir, { recursive: true, force: true });
    throw new Error(
      `tests/slurm/cluster.sh start ${dir} failed (exit ${started.code}):\n${started.stderr}${started.stdout}`,
    );
  }

  // Last resort if the test process exits without stop(): the daemons are not
  // our children and would outlive us. Only synchronous code runs on 'exit'.
  const onExit = (): void => {
    // Best effort: a failure here must not throw out of the exit handler.
    execaSync('bash', [CLUSTER_SH, 'stop', dir], { stdio: 'ignore', timeout: 30_000, reject: false });
    if (!process.env.TASKFARMER_KEEP_SLURM) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const cluster: SlurmCluster = {
    dir,
    env: { ...cleanEnv(process.env), SLURM_CONF: match[1] },
    stop() {
      stopped ??= (async () => {
        process.off('exit', onExit);
        const res = await run(['stop', dir], 60_000);
        if (res.code !== 0) {
          throw new Error(`tests/slurm/cluster.sh stop ${dir} failed (exit ${res.code}):\n${res.stderr}`);
        }
        if (!process.env.TASKFARMER_KEEP_SLURM) await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  return cluster;
}
