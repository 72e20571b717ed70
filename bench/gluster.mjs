// The GlusterFS part of the benchmark: the same farms on a GlusterFS volume (through three FUSE
// client mounts, farmers spread over them as over nodes) and on local disk, one after the other.
//
//   BENCH_GLUSTER=1 npm run bench       # with the rest; auto when root with glusterd and /dev/fuse
//   node bench/gluster.mjs              # this part alone
//   BENCH_GLUSTER_TRUE=2000 BENCH_GLUSTER_SLEEP=800   # tasks per run (defaults below)
//
// For 1, 2, 4, 8 farmers × 4 workers, `true` and `sleep 0.05` tasks: tasks/s (wall time from the
// first farmer's start to the last one's exit), and the workdir lock's hold time (median, p99 of
// every locked sync of every farmer) and tasks claimed per hold, from TASKFARMER_LOCK_STATS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CLUSTER = fileURLToPath(new URL('../tests/gluster/cluster.sh', import.meta.url));
const FARMERS = [1, 2, 4, 8];
const WORKERS = 4;

/** null if a volume can be started here, else why not. */
export function glusterUnavailable() {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse';
  if (spawnSync('sh', ['-c', 'command -v glusterd && command -v mount.glusterfs'], { stdio: 'ignore' }).status !== 0)
    return 'glusterfs-server/glusterfs-client not installed';
  return null;
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs `farmers` farmers on one workdir; dirs[i] is where farmer i sees the shared directory. */
function farm(dirs, farmers, statsDir) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    let left = farmers;
    let failed = 0;
    for (let i = 0; i < farmers; i++) {
      const dir = dirs[i % dirs.length];
      const child = spawn(
        process.execPath,
        [CLI, join(dir, 'tasks.txt'), '-w', join(dir, 'wd'), '-n', String(WORKERS), '-q'],
        { stdio: 'ignore', env: { ...process.env, TASKFARMER_LOCK_STATS: join(statsDir, `lock-${i}.json`) } },
      );
      child.on('close', (code) => {
        if (code !== 0) failed++;
        if (--left === 0) resolve({ wall: Number(process.hrtime.bigint() - start) / 1e9, failed });
      });
    }
  });
}

async function one(where, dirs, farmers, task, n, statsDir) {
  rmSync(statsDir, { recursive: true, force: true });
  mkdirSync(statsDir, { recursive: true });
  writeFileSync(join(dirs[0], 'tasks.txt'), `${task}\n`.repeat(n));
  rmSync(join(dirs[0], 'wd'), { recursive: true, force: true });
  const { wall, failed } = await farm(dirs, farmers, statsDir);
  const holds = [];
  const claims = [];
  for (let i = 0; i < farmers; i++) {
    try {
      const s = JSON.parse(readFileSync(join(statsDir, `lock-${i}.json`), 'utf8'));
      holds.push(...s.holdMs);
      claims.push(...s.claims);
    } catch {
      // a farmer that failed wrote none
    }
  }
  holds.sort((a, b) => a - b);
  const claiming = claims.filter((c) => c > 0);
  const row = {
    where,
    task,
    farmers,
    workers: WORKERS,
    tasks: n,
    wall,
    rate: n / wall,
    lockMedianMs: quantile(holds, 0.5),
    lockP99Ms: quantile(holds, 0.99),
    claimsPerLock: claiming.length ? claiming.reduce((a, b) => a + b, 0) / claiming.length : NaN,
    failed,
  };
  console.error(
    `bench: ${where} ${task} ${farmers}x${WORKERS}: ${wall.toFixed(2)} s, ${row.rate.toFixed(1)} tasks/s` +
      `${failed ? ` (${failed} farmer(s) failed)` : ''}`,
  );
  return row;
}

/** Every run, on the volume and on local disk; returns the rows. */
export async function glusterBench() {
  const count = (v, d) => (v === undefined || v === '' ? d : Number(v));
  const nTrue = count(process.env.BENCH_GLUSTER_TRUE, 2000);
  const nSleep = count(process.env.BENCH_GLUSTER_SLEEP, 800);
  // BENCH_GLUSTER_FARMERS=8 (or 1,8) runs only those farm sizes; a task count of 0 skips that task.
  const farmerCounts = process.env.BENCH_GLUSTER_FARMERS
    ? process.env.BENCH_GLUSTER_FARMERS.split(',').map(Number)
    : FARMERS;
  const volDir = mkdtempSync('/tmp/tf-bench-gluster-');
  const local = mkdtempSync(join(tmpdir(), 'tf-bench-local-'));
  const rows = [];
  const started = spawnSync('bash', [CLUSTER, 'start', volDir], { encoding: 'utf8' });
  const m = /GLUSTER_MOUNTS="([^"]+)"/.exec(started.stdout);
  if (started.status !== 0 || !m) {
    console.error(`bench: GlusterFS volume did not start: ${started.stderr}`);
    return rows;
  }
  const mounts = m[1].split(' ');
  try {
    mkdirSync(join(mounts[0], 'run'));
    const shared = mounts.map((mp) => join(mp, 'run'));
    for (const [task, n] of [
      ['true', nTrue],
      ['sleep 0.05', nSleep],
    ]) {
      if (!n) continue;
      for (const farmers of farmerCounts) {
        rows.push(await one('GlusterFS', shared, farmers, task, n, join(local, 'stats')));
        rows.push(await one('local disk', [local], farmers, task, n, join(local, 'stats')));
      }
    }
  } finally {
    spawnSync('bash', [CLUSTER, 'stop', volDir], { stdio: 'ignore' });
    rmSync(volDir, { recursive: true, force: true });
    rmSync(local, { recursive: true, force: true });
  }
  return rows;
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

/** The Markdown table, with the volume's throughput as a share of local disk's. */
export function glusterTable(rows) {
  const out = [
    '| task | farmers × workers | tasks | GlusterFS tasks/s | local tasks/s | GlusterFS / local | lock hold median / p99 ms (GlusterFS) | claims per lock (GlusterFS) | lock hold median / p99 ms (local) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const g of rows.filter((r) => r.where === 'GlusterFS')) {
    const l = rows.find((r) => r.where === 'local disk' && r.task === g.task && r.farmers === g.farmers);
    out.push(
      `| \`${g.task}\` | ${g.farmers} × ${g.workers} | ${g.tasks} | ${f(g.rate)} | ${f(l?.rate)} | ` +
        `${l ? f((100 * g.rate) / l.rate, 0) + ' %' : '-'} | ${f(g.lockMedianMs, 2)} / ${f(g.lockP99Ms, 2)} | ` +
        `${f(g.claimsPerLock)} | ${f(l?.lockMedianMs, 2)} / ${f(l?.lockP99Ms, 2)} |`,
    );
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const why = glusterUnavailable();
  if (why) {
    console.error(`bench: GlusterFS part skipped: ${why}`);
  } else {
    const rows = await glusterBench();
    console.log(glusterTable(rows));
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(rows, null, 2) + '\n');
    if (rows.some((r) => r.failed)) process.exitCode = 1;
  }
}
