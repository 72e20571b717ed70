#!/usr/bin/env node
// What each --logs mode costs: files created and metadata operations per task (from strace),
// and throughput, on a farm of `true` tasks with 4 workers.
//
//   npm run bench:logs                 # 2,000 tasks traced, 20,000 timed, 3 rounds
//   BENCH_N=5000 BENCH_TRACE_N=1000 …  # other sizes
//   BENCH_TRACE_N=0 …                  # throughput only (strace slows a farm ~10x)
//
// The modes are timed in interleaved rounds (per-task, per-worker, none, then again), so a
// shared, loaded machine slows them alike; compare the ratios, not the absolute numbers. CPU
// time of the whole process tree (GNU time: farmer, launchers, tasks) is also given: it moves
// far less with the load than wall time does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const MODES = ['per-task', 'per-worker', 'none'];
const N = Number(process.env.BENCH_N || 20_000);
const TRACE_N = Number(process.env.BENCH_TRACE_N || 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const root = mkdtempSync(join(tmpdir(), 'tf-bench-logs-'));

// Syscalls that are metadata operations on a parallel filesystem (a metadata-server round trip
// on Lustre, a token on GPFS), as opposed to reads and writes of file contents.
const METADATA = new Set([
  'open',
  'openat',
  'creat',
  'close',
  'stat',
  'lstat',
  'fstat',
  'newfstatat',
  'statx',
  'access',
  'faccessat',
  'faccessat2',
  'unlink',
  'unlinkat',
  'rename',
  'renameat',
  'renameat2',
  'mkdir',
  'mkdirat',
  'rmdir',
  'getdents64',
  'readlink',
  'readlinkat',
  'utimensat',
  'chmod',
  'fchmod',
  'fchmodat',
  'truncate',
  'ftruncate',
  'fsync',
  'fdatasync',
]);

function tasklist(n) {
  const path = join(root, `true-${n}.txt`);
  writeFileSync(path, 'true\n'.repeat(n));
  return path;
}

const GNU_TIME = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

/** Wall seconds, and CPU seconds of the whole tree when GNU time is there. */
function farm(list, wd, mode, wrap = []) {
  rmSync(wd, { recursive: true, force: true });
  const cpuFile = join(root, 'cpu');
  const timeWrap = wrap.length === 0 && GNU_TIME ? ['/usr/bin/time', '-f', '%U %S', '-o', cpuFile] : [];
  const argv = [...wrap, ...timeWrap, process.execPath, CLI, list, '-n', '4', '-w', wd, '--logs', mode, '-q'];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
  const cpu = timeWrap.length ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number) : [NaN, NaN];
  return { wall, cpu: cpu[0] + cpu[1] };
}

/** Counts from an strace -f log: metadata syscalls in all, and those naming a path in the workdir. */
function analyse(trace, wd) {
  let metadata = 0;
  let inWorkdir = 0;
  let creates = 0;
  let logPaths = 0;
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    if (line.includes(`"${wd}/logs/`) && !line.includes(' resumed>')) logPaths++;
    const m = /^\d+\s+(?:<\.\.\. )?(\w+)[( ]/.exec(line);
    if (!m || line.includes(' resumed>')) continue;
    if (!METADATA.has(m[1])) continue;
    metadata++;
    if (line.includes(`"${wd}/`) || line.includes(`"${wd}"`)) {
      inWorkdir++;
      if (/O_CREAT/.test(line)) creates++;
    }
  }
  return { metadata, inWorkdir, creates, logPaths };
}

const files = (dir) => {
  let n = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      n++;
      if (e.isDirectory()) walk(join(d, e.name));
    }
  };
  walk(dir);
  return n;
};

const out = { n: N, traceN: TRACE_N, rounds: ROUNDS, modes: {} };
const strace = TRACE_N > 0 && spawnSync('strace', ['-V']).status === 0;
if (!strace && TRACE_N > 0) console.warn('strace not found: metadata counts skipped (apt-get install strace)');
for (const mode of MODES) {
  const o = (out.modes[mode] = {});
  if (!strace) continue;
  const list = tasklist(TRACE_N);
  const wd = join(root, `wd-trace-${mode}`);
  const trace = join(root, `trace-${mode}.txt`);
  farm(list, wd, mode, ['strace', '-f', '-qq', '-e', 'trace=%file,%desc', '-e', 'signal=none', '-o', trace]);
  const c = analyse(trace, wd);
  rmSync(trace);
  o.filesInWorkdir = files(wd);
  o.filesInLogs = readdirSync(join(wd, 'logs')).length;
  o.createsPerTask = c.creates / TRACE_N;
  o.logPathOpsPerTask = c.logPaths / TRACE_N;
  o.workdirPathOpsPerTask = c.inWorkdir / TRACE_N;
  o.metadataPerTask = c.metadata / TRACE_N;
}
const list = tasklist(N);
const times = Object.fromEntries(MODES.map((m) => [m, []]));
for (let r = 0; r < ROUNDS; r++) for (const mode of MODES) times[mode].push(farm(list, join(root, `wd-${mode}`), mode));
for (const mode of MODES) {
  const best = Math.min(...times[mode].map((t) => t.wall));
  out.modes[mode].tasksPerSecond = Math.round(N / best);
  out.modes[mode].cpuMsPerTask = (1000 * Math.min(...times[mode].map((t) => t.cpu))) / N;
}
const base = out.modes['per-task'].tasksPerSecond;
const cpuBase = out.modes['per-task'].cpuMsPerTask;
console.log(`${N} true tasks, 4 workers, best of ${ROUNDS} interleaved rounds; strace on ${TRACE_N} tasks\n`);
console.log(
  '| mode | files in logs/ | path operations on logs/ / task | opens with O_CREAT in the workdir / task | path operations in the workdir / task | metadata syscalls / task (all processes) | tasks/s | vs per-task | CPU ms / task | vs per-task |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const mode of MODES) {
  const o = out.modes[mode];
  const f = (x, d = 2) => (x === undefined ? '–' : x.toFixed(d));
  console.log(
    `| ${mode} | ${o.filesInLogs ?? '–'} | ${f(o.logPathOpsPerTask, 3)} | ${f(o.createsPerTask)} | ${f(o.workdirPathOpsPerTask)} | ${f(o.metadataPerTask, 1)} | ${o.tasksPerSecond} | ${(o.tasksPerSecond / base).toFixed(2)} | ${f(o.cpuMsPerTask)} | ${f(o.cpuMsPerTask / cpuBase)} |`,
  );
}
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(out, null, 2));
rmSync(root, { recursive: true, force: true });
