import cliProgress from 'cli-progress';
import type { FarmEvent } from '../farm/options.js';
import { formatDuration } from '../util/duration.js';

/**
 * Live progress of this farmer. On a terminal: a bar (cli-progress, redrawn in place on stderr)
 * with done/failed/running counts, rate and ETA; lines printed meanwhile appear above it. Without
 * a terminal (CI logs, Slurm output files): one plain line every `intervalMs`, and one at the end
 * when any was printed, so short runs stay quiet and long ones leave a readable trail.
 */
export interface Progress {
  event(e: FarmEvent): void;
  stop(): void;
}

/** Counts as this farmer sees them (other farmers on the workdir are not counted). */
interface Counts {
  total: number;
  done: number;
  failed: number;
  running: number;
  /** When the first task started (rate and ETA count from there). */
  since: number;
}

let active: { log(stream: 'out' | 'err', line: string): void } | undefined;

/** Writes a line, above the bar while one is shown; use it for every line printed during a farm. */
export function writeLine(stream: 'out' | 'err', line: string): void {
  if (active) active.log(stream, line);
  else (stream === 'out' ? process.stdout : process.stderr).write(line);
}

export interface ProgressOptions {
  quiet: boolean;
  /** Bar or plain lines; default: a bar when stderr is a terminal (and TERM is not "dumb"). */
  tty?: boolean;
  /** Between plain lines; default 10 s, or TASKFARMER_PROGRESS_INTERVAL seconds. */
  intervalMs?: number;
}

export function startProgress(o: ProgressOptions): Progress {
  if (o.quiet) return { event: () => {}, stop: () => {} };
  const tty = o.tty ?? (process.stderr.isTTY === true && process.env.TERM !== 'dumb');
  const env = Number(process.env.TASKFARMER_PROGRESS_INTERVAL);
  const intervalMs = o.intervalMs ?? (env > 0 ? env * 1000 : 10_000);
  const c: Counts = { total: 0, done: 0, failed: 0, running: 0, since: 0 };
  return tty ? barProgress(c) : plainProgress(c, intervalMs);
}

function count(c: Counts, e: FarmEvent): boolean {
  switch (e.type) {
    case 'started':
      c.total = e.pending;
      return true;
    case 'task-start':
      if (c.since === 0) c.since = Date.now();
      c.running++;
      return true;
    case 'task-end':
      c.running = Math.max(0, c.running - 1);
      if (e.outcome === 'done') c.done++;
      else if (e.outcome === 'failed') c.failed++;
      // Tasks appended to the tasklist while we run: the total grows with them.
      c.total = Math.max(c.total, c.done + c.failed + c.running);
      return true;
    default:
      return false;
  }
}

/** Tasks per second since the first start, and the time left at that rate. */
function pace(c: Counts): { rate: string; eta: string; elapsed: string } {
  const elapsed = c.since ? Date.now() - c.since : 0;
  const ended = c.done + c.failed;
  const perSec = elapsed > 0 ? (ended * 1000) / elapsed : 0;
  const left = Math.max(0, c.total - ended);
  const eta = left === 0 ? '0s' : perSec > 0 ? formatDuration((left / perSec) * 1000) : '?';
  const rate = perSec >= 10 ? perSec.toFixed(0) : perSec.toFixed(perSec >= 1 ? 1 : 2);
  return { rate, eta, elapsed: formatDuration(elapsed) };
}

export function formatPlainLine(c: Counts): string {
  const p = pace(c);
  const ended = c.done + c.failed;
  const pct = c.total ? ` (${((100 * ended) / c.total).toFixed(1)}%)` : '';
  return (
    `taskfarmer: progress ${ended}/${c.total}${pct}: ${c.done} done, ${c.failed} failed, ${c.running} running` +
    ` | ${p.rate} tasks/s | ETA ${p.eta} | elapsed ${p.elapsed}\n`
  );
}

function plainProgress(c: Counts, intervalMs: number): Progress {
  let printed = false;
  const timer = setInterval(() => {
    if (c.since === 0) return;
    printed = true;
    process.stderr.write(formatPlainLine(c));
  }, intervalMs);
  timer.unref();
  return {
    event: (e) => void count(c, e),
    stop: () => {
      clearInterval(timer);
      if (printed) process.stderr.write(formatPlainLine(c));
    },
  };
}

function barProgress(c: Counts): Progress {
  const multi = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format:
        '{bar} {percentage}% | {value}/{total} | {done} done, {failed} failed, {running} running | {rate}/s | ETA {etaText} | {elapsedText}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      // The farm handles SIGINT/SIGTERM itself (tasks go back); the bar must not exit on its own.
      gracefulExit: false,
      fps: 5,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  const payload = () => ({ done: c.done, failed: c.failed, running: c.running, ...renamed(pace(c)) });
  const start = () => {
    bar = multi.create(Math.max(1, c.total), 0, payload());
    active = {
      log: (stream, line) => {
        // stdout redirected to a file while the bar is on the terminal: write it there directly.
        if (stream === 'out' && !process.stdout.isTTY) process.stdout.write(line);
        else multi.log(line);
      },
    };
  };
  return {
    event: (e) => {
      if (!count(c, e)) return;
      if (!bar) {
        if (e.type === 'started') return;
        start();
      }
      bar!.setTotal(Math.max(1, c.total));
      bar!.update(c.done + c.failed, payload());
    },
    stop: () => {
      if (!bar) return;
      bar.update(c.done + c.failed, payload());
      // Flush lines logged since the last redraw, then draw the final state.
      (multi as unknown as { update(): void }).update();
      multi.stop();
      active = undefined;
    },
  };
}

const renamed = (p: { rate: string; eta: string; elapsed: string }) => ({
  rate: p.rate,
  etaText: p.eta,
  elapsedText: p.elapsed,
});
