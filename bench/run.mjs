#!/usr/bin/env node
// The benchmark: our CLI against GNU parallel and `xargs -P8` on the same machine, in one run.
//
//   npm run bench                 # ~5 minutes on 2 cores
//   BENCH_QUICK=1 npm run bench   # smaller N, ~1 minute
//   BENCH_SHORT=1 npm run bench   # GNU parallel at 20,000 tasks, not 50,000 (~2 minutes less)
//   BENCH_JSON=out.json ...       # also write the measurements as JSON
//   BENCH_ONLY=sleep,big ...      # only these parts: throughput, sleep, shared, big, gluster
//   BENCH_GLUSTER=0|1             # the GlusterFS part (bench/gluster.mjs): by default when
//                                 # available (root, glusterd, /dev/fuse), ~5-10 more minutes
//
// The "no perl" rows run our CLI with TASKFARMER_LAUNCHER=node: Node spawns each task (through
// execa), as on a machine without perl, instead of the per-slot perl launcher.
//
// Every tool runs each line with bash, 8 at a time. Wall time is measured around the whole
// process (start-up included); peak RSS is the largest single process of the run, from GNU time
// (`/usr/bin/time -f %M`), else from polling /proc/<pid>/status (VmHWM) of the main process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const QUICK = Boolean(process.env.BENCH_QUICK);
const ONLY = process.env.BENCH_ONLY?.split(',');
const part = (name) => !ONLY || ONLY.includes(name);
const SHORT = Boolean(process.env.BENCH_SHORT);
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

const sizes = QUICK ? [1_000, 5_000] : [5_000, 50_000];
// GNU parallel needs ~2.5 ms of CPU a task here: BENCH_SHORT=1 stops it at 20,000 (2 minutes less).
const parallelSizes = QUICK ? [1_000, 5_000] : SHORT ? [5_000, 20_000] : [5_000, 50_000];
const sharedN = QUICK ? 3_000 : 10_000;
const bigN = 1_000_000;

const root = mkdtempSync(join(tmpdir(), 'tf-bench-'));
const results = [];
let glusterRows = [];
let glusterText = '';

function tasklist(name, line, n, { reuse = false } = {}) {
  const path = join(root, name);
  if (!reuse) writeFileSync(path, `${line}\n`.repeat(n));
  return path;
}

/** Runs one command; resolves with wall seconds, peak RSS (MB) and exit code. */
function measure(cmd, args, { stdin, env, onStart } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = join(root, `rss-${Math.random().toString(36).slice(2)}`);
    const [file, argv] = GNU_TIME ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, {
      stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    if (stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(readFileSync(stdin));
    }
    let hwm = 0;
    const poll = GNU_TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            // exited
          }
        }, 20);
    onStart?.(child, start);
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      let kb = hwm;
      if (GNU_TIME) {
        try {
          kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        } catch {
          kb = 0;
        }
      }
      resolve({ wall, rssMB: kb / 1024, code, stderr });
    });
  });
}

/** The measured process: the child itself, or the one GNU time runs. */
function measuredPid(child) {
  if (!GNU_TIME) return child.pid;
  try {
    return (
      Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]) || child.pid
    );
  } catch {
    return child.pid;
  }
}

function record(group, tool, n, m, extra = {}) {
  const row = { group, tool, n, wall: m.wall, perSec: n / m.wall, rssMB: m.rssMB, code: m.code, ...extra };
  results.push(row);
  const rate = row.perSec >= 100 ? row.perSec.toFixed(0) : row.perSec.toFixed(1);
  console.error(
    `  ${group.padEnd(16)} ${tool.padEnd(22)} n=${n}: ${m.wall.toFixed(2)} s, ${rate}/s, ${m.rssMB.toFixed(0)} MB`,
  );
  if (m.code !== 0) console.error(`    exit ${m.code}: ${m.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return row;
}

const ours = (list, wd, workers = 8, env = {}) =>
  measure(process.execPath, [CLI, list, '-n', String(workers), '-w', wd, '-q'], { env });
const oursNoPerl = (list, wd) => ours(list, wd, 8, { TASKFARMER_LAUNCHER: 'node' });
const gnuParallel = (list) =>
  measure('parallel', ['-j8', '--will-cite'], { stdin: list, env: { PARALLEL_SHELL: '/bin/bash' } });
const xargs = (list) => measure('xargs', ['-d', '\\n', '-P8', '-n1', 'bash', '-c'], { stdin: list });

function haveParallel() {
  const r = spawnSync('parallel', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.startsWith('GNU parallel') ? r.stdout.split('\n')[0] : null;
}

async function throughput(parallelVersion) {
  for (const n of [...new Set([...sizes, ...parallelSizes])].sort((a, b) => a - b)) {
    const list = tasklist(`true-${n}`, 'true', n);
    if (sizes.includes(n)) record('true', 'taskfarmer -n 8', n, await ours(list, join(root, `wd-true-${n}`)));
    if (sizes.includes(n)) {
      const m = await oursNoPerl(list, join(root, `wd-true-noperl-${n}`));
      record('true', 'taskfarmer -n 8, no perl', n, m, { noPerl: true });
    }
    if (parallelVersion && parallelSizes.includes(n)) record('true', 'GNU parallel -j8', n, await gnuParallel(list));
    if (sizes.includes(n)) record('true', 'xargs -P8', n, await xargs(list));
  }
}

async function sleeps(parallelVersion) {
  const n = 200;
  const list = tasklist('sleep', 'sleep 0.1', n);
  const ideal = (n * 0.1) / 8;
  const eff = (m) => ({ efficiency: ideal / m.wall });
  let m = await ours(list, join(root, 'wd-sleep'));
  record('sleep 0.1', 'taskfarmer -n 8', n, m, eff(m));
  if (parallelVersion) {
    m = await gnuParallel(list);
    record('sleep 0.1', 'GNU parallel -j8', n, m, eff(m));
  }
  m = await xargs(list);
  record('sleep 0.1', 'xargs -P8', n, m, eff(m));
}

async function shared() {
  const list = tasklist('shared', 'true', sharedN);
  record('one workdir', 'taskfarmer 1 x 8', sharedN, await ours(list, join(root, 'wd-shared-1')));
  const wd = join(root, 'wd-shared-4');
  const start = process.hrtime.bigint();
  const four = await Promise.all([0, 1, 2, 3].map(() => ours(list, wd, 2)));
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const finished = readFileSync(join(wd, 'finished'), 'utf8').split('\n').filter(Boolean).length;
  const code = four.find((m) => m.code !== 0)?.code ?? 0;
  record('one workdir', 'taskfarmer 4 x 2', sharedN, {
    wall,
    rssMB: Math.max(...four.map((m) => m.rssMB)),
    code: finished === sharedN ? code : `${code} (finished ${finished} of ${sharedN})`,
    stderr: four.map((m) => m.stderr).join(''),
  });
}

/**
 * A 1,000,000-line tasklist: time until the first task runs (its log file appears), and the
 * farmer's peak RSS over start-up, 2 s of running, and the stop (which rewrites toprocess).
 * Once with `true` lines, once with 50-character lines, and once more continuing that second
 * workdir (toprocess is read back instead of the tasklist).
 */
async function big(name, line, { again = false } = {}) {
  const list = tasklist(`big-${name}`, line, bigN, { reuse: again });
  const wd = join(root, `wd-big-${name}`);
  // The first task to start: the lowest id still in toprocess (0 on a new workdir).
  const first = again ? Number(/^\d+/.exec(readFileSync(join(wd, 'toprocess'), 'latin1').slice(0, 32))[0]) : 0;
  // It may have started (and been put back) in the run before: only a new log counts.
  rmSync(join(wd, 'logs', `log_${first}`), { force: true });
  let firstTask = NaN;
  const m = await measure(process.execPath, [CLI, list, '-n', '8', '-w', wd, '-q'], {
    onStart(child, start) {
      const timer = setInterval(() => {
        if (!existsSync(join(wd, 'logs', `log_${first}`))) return;
        firstTask = Number(process.hrtime.bigint() - start) / 1e9;
        clearInterval(timer);
        setTimeout(() => process.kill(measuredPid(child), 'SIGTERM'), 2_000);
      }, 5);
    },
  });
  if (m.code === 75) m.code = 0; // stopped on purpose
  record(`1M tasklist`, `taskfarmer -n 8 (${name}${again ? ', continued' : ''})`, bigN, m, {
    firstTask,
    stopped: true,
  });
}

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');

function table() {
  const head = ['case', 'tool', 'tasks', 'wall s', 'tasks/s', 'peak RSS MB', 'note'];
  const rows = results.map((r) => [
    r.group,
    r.tool,
    r.n.toLocaleString('en-US'),
    fmt(r.wall),
    r.stopped ? '-' : r.perSec >= 100 ? r.perSec.toFixed(0) : r.perSec.toFixed(1),
    fmt(r.rssMB, 0),
    r.efficiency !== undefined
      ? `efficiency ${(100 * r.efficiency).toFixed(1)}%`
      : r.firstTask !== undefined
        ? `first task after ${fmt(r.firstTask)} s`
        : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function find(group, tool, n, { noPerl = false } = {}) {
  return results.find(
    (r) => r.group === group && r.tool.startsWith(tool) && (n === undefined || r.n === n) && !r.noPerl === !noPerl,
  );
}

/** The ratios the targets are about, each with the target and whether it was met. */
function ratios() {
  const out = [];
  const check = (what, value, target, ok, unit = '') =>
    out.push({ what, value, target, ok, text: `${ok ? 'ok  ' : 'MISS'} ${what}: ${value}${unit} (target ${target})` });
  for (const n of sizes) {
    const us = find('true', 'taskfarmer', n);
    const par = find('true', 'GNU parallel', n) ?? find('true', 'GNU parallel', Math.max(...parallelSizes));
    const xa = find('true', 'xargs', n);
    if (us && par) {
      const r = us.perSec / par.perSec;
      const vs = par.n === n ? '' : ` (GNU parallel measured at ${par.n.toLocaleString('en-US')})`;
      const what = `throughput vs GNU parallel, ${n.toLocaleString('en-US')} tasks${vs}`;
      if (n >= 20_000) check(what, fmt(r), '>= 2 at 20,000+', r >= 2, 'x');
      else out.push({ what, value: fmt(r), text: `info ${what}: ${fmt(r)}x (the target is for 20,000+)` });
    }
    if (us && xa) {
      const r = us.wall / xa.wall;
      check(`wall time vs xargs -P8, ${n.toLocaleString('en-US')} tasks`, fmt(r), '<= 2.5', r <= 2.5, 'x');
    }
  }
  for (const n of sizes) {
    const us = find('true', 'taskfarmer', n);
    const node = find('true', 'taskfarmer', n, { noPerl: true });
    if (us && node) {
      const what = `no perl (Node spawns each task) vs the perl launcher, ${n.toLocaleString('en-US')} tasks, wall time`;
      out.push({ what, value: fmt(node.wall / us.wall), text: `info ${what}: ${fmt(node.wall / us.wall)}x` });
    }
  }
  const [a, b] = sizes.map((n) => find('true', 'taskfarmer', n));
  if (a && b) {
    const r = b.wall / b.n / (a.wall / a.n);
    check(
      `cost per task at ${b.n.toLocaleString('en-US')} / at ${a.n.toLocaleString('en-US')}`,
      fmt(r),
      '~1 (flat)',
      r <= 1.2,
      'x',
    );
  }
  const s = find('sleep 0.1', 'taskfarmer');
  if (s) check('sleep 0.1 efficiency', fmt(100 * s.efficiency, 1), '>= 95%', s.efficiency >= 0.95, '%');
  const one = find('one workdir', 'taskfarmer 1 x 8');
  const four = find('one workdir', 'taskfarmer 4 x 2');
  if (one && four) {
    const r = four.perSec / one.perSec;
    check('4 farmers x 2 workers vs 1 x 8, throughput', fmt(100 * r, 0), '>= 80%', r >= 0.8, '%');
  }
  for (const g of results.filter((r) => r.group === '1M tasklist')) {
    const what = g.tool.replace(/^taskfarmer -n 8 /, '');
    check(`1M tasklist ${what} peak RSS`, fmt(g.rssMB, 0), '<= 200 MB', g.rssMB <= 200, ' MB');
    check(`1M tasklist ${what} first task`, fmt(g.firstTask), '<= 3 s', g.firstTask <= 3, ' s');
  }
  return out;
}

async function main() {
  if (!existsSync(CLI)) {
    console.error(`bench: ${CLI} is missing; run \`npm run build\` first`);
    process.exit(2);
  }
  const parallelVersion = haveParallel();
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`;
  console.error(`bench: ${machine}`);
  console.error(`bench: ${parallelVersion ?? 'GNU parallel not installed (apt-get install parallel): skipped'}`);
  console.error(`bench: peak RSS from ${GNU_TIME ? 'GNU time' : '/proc VmHWM polling (install `time` for GNU time)'}`);
  console.error(`bench: ${QUICK ? 'quick run' : SHORT ? 'short run' : 'full run'}, scratch ${root}`);
  try {
    if (part('throughput')) await throughput(parallelVersion);
    if (part('sleep')) await sleeps(parallelVersion);
    if (part('shared')) await shared();
    if (part('big')) {
      await big('true', 'true');
      await big('50 chars', `echo ${'x'.repeat(34)} >/dev/null`);
      await big('50 chars', `echo ${'x'.repeat(34)} >/dev/null`, { again: true });
    }
    if (part('gluster') && process.env.BENCH_GLUSTER !== '0') {
      const g = await import('./gluster.mjs');
      const why = g.glusterUnavailable();
      if (why && process.env.BENCH_GLUSTER === '1') throw new Error(`BENCH_GLUSTER=1 but ${why}`);
      if (why) console.error(`bench: GlusterFS part skipped: ${why}`);
      else glusterRows = await g.glusterBench();
      if (!why) glusterText = g.glusterTable(glusterRows);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(
    `\nMachine: ${machine}; ${parallelVersion ?? 'no GNU parallel'}; ${new Date().toISOString().slice(0, 10)}\n`,
  );
  console.log(table());
  console.log('');
  const checks = ratios();
  for (const c of checks) console.log(c.text);
  if (glusterText) console.log(`\nGlusterFS (3 client mounts) against local disk:\n\n${glusterText}`);
  if (process.env.BENCH_JSON) {
    writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify({ machine, parallelVersion, results, checks, gluster: glusterRows }, null, 2) + '\n',
    );
  }
  const failed = results.filter((r) => r.code !== 0 && r.code !== undefined);
  if (failed.length) process.exitCode = 1;
}

await main();
