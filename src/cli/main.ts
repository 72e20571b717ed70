import { writeFileSync } from 'node:fs';
import pkg from '../../package.json' with { type: 'json' };
import { farm } from '../farm/farm.js';
import type { FarmEvent, StopReason } from '../farm/options.js';
import { formatDuration } from '../util/duration.js';
import { formatFilesystem } from '../workdir/fstype.js';
import { isUsageError, oneLine } from '../util/errors.js';
import { logWhere } from '../report/logtail.js';
import { parseArgs } from './args.js';
import { runReport, runStatus } from './report-command.js';
import { runLogs } from './logs-command.js';
import { startProgress, writeLine } from './progress.js';
import { configFiles } from '../config/files.js';
import { withDefaults } from '../config/farm.js';
import { howEnded } from '../report/ended.js';

const out = (s: string) => writeLine('out', s.endsWith('\n') ? s : s + '\n');
const err = (s: string) => writeLine('err', `taskfarmer: ${s}\n`);

function eventPrinter(verbose: boolean, quiet: boolean): (e: FarmEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'started':
        if (!quiet) {
          const prev = e.finished + e.failed > 0 ? ` (${e.finished} finished, ${e.failed} failed before)` : '';
          out(`taskfarmer: ${e.pending} tasks to process in ${e.workdir} with ${e.workers} workers${prev}`);
        }
        if (verbose) out(`taskfarmer: workdir filesystem: ${formatFilesystem(e.filesystem)}`);
        break;
      case 'task-start':
        if (verbose) out(`[start] task ${e.id} attempt ${e.attempt} on worker ${e.slot}: ${e.task}`);
        break;
      case 'task-end': {
        const how = howEnded({ code: e.rc, signal: e.signal, timedOut: e.timedOut });
        if (e.outcome === 'failed' && !quiet)
          err(`task ${e.id} failed (${how}) after ${formatDuration(e.durationMs)}: ${e.task} — ${logWhere(e)}`);
        else if (verbose)
          out(`[${e.outcome}] task ${e.id} attempt ${e.attempt} (${how}) in ${formatDuration(e.durationMs)}`);
        break;
      }
      case 'stopping':
        if (!quiet) err(stoppingLine(e.reason));
        break;
      case 'warning':
        err(`warning: ${e.message}`);
        break;
    }
  };
}

function stoppingLine(reason: StopReason): string {
  if (reason === 'drain') return 'draining: no new tasks, running ones finish';
  if (reason === 'walltime')
    return 'the next task would not finish before the time limit: no new tasks, running ones finish';
  if (reason === 'max-failures') return 'too many tasks failed (--max-failures): no new tasks';
  return `stopping (${reason}): running tasks go back to toprocess`;
}

// A closed pipe (`taskfarmer … | head`) must not crash a farmer that is running tasks:
// output stops, the farm goes on and ends cleanly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

async function main(argv: string[]): Promise<number> {
  const cmd = parseArgs(argv, pkg.version, (s) => process.stdout.write(s));
  if (cmd.kind === 'exit') return cmd.code;
  if (cmd.kind === 'report') return runReport(cmd.args);
  if (cmd.kind === 'config') return (await import('./config-command.js')).runConfig(cmd.args, out);
  if (cmd.kind === 'status') return runStatus(cmd, out);
  if (cmd.kind === 'requeue') return (await import('./requeue-command.js')).runRequeue(cmd.args, out);
  if (cmd.kind === 'logs')
    return runLogs(
      cmd.args,
      (b) => process.stdout.write(b),
      (s) => err(s),
    );
  // The YAML and schema code costs ~30 ms to load: only a run with a configuration file pays it.
  const files = configFiles({ file: cmd.config });
  const {
    runners,
    handlers,
    farm: defaults,
    logs,
  } = files.length
    ? (await import('../config/load.js')).loadConfig({ file: cmd.config }, files)
    : { runners: {}, handlers: {}, farm: {}, logs: undefined };
  const progress = startProgress({ quiet: cmd.quiet });
  const printer = eventPrinter(cmd.verbose, cmd.quiet);
  const onEvent = (e: FarmEvent) => (progress.event(e), printer(e));
  const options = {
    ...withDefaults(defaults, cmd.options),
    logs: cmd.options.logs ?? logs,
    runners,
    handlers,
    onEvent,
    // The farmer is the process: a stop signal puts its tasks back, SIGUSR2 drains it.
    handleSignals: true,
  };
  const result = await farm(options).finally(() => progress.stop());
  if (result.error) err(result.error);
  if (result.note) err(result.note);
  // For the benchmark: the lock's hold times and claims per hold, as JSON.
  if (process.env.TASKFARMER_LOCK_STATS) {
    const { lockStats } = await import('../workdir/lock-stats.js');
    writeFileSync(process.env.TASKFARMER_LOCK_STATS, JSON.stringify(lockStats()));
  }
  if (!cmd.quiet && result.exitCode === 74) {
    // The workdir's files may not be readable now: say only what this farmer knows.
    const { done, failed } = result.ran;
    out(
      `taskfarmer: this farmer finished ${done} and failed ${failed} task(s) before it stopped — ${formatDuration(result.durationMs)}`,
    );
  } else if (!cmd.quiet) {
    const left = result.remaining ? `, ${result.remaining} left in toprocess (run again to continue)` : '';
    out(
      `taskfarmer: ${result.finished} finished, ${result.failed} failed${left} — ${formatDuration(result.durationMs)}`,
    );
  }
  return result.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (isUsageError(e)) {
      err(e.message);
      process.exitCode = 2;
    } else {
      err(`internal error: ${oneLine(e)}`);
      if (process.env.TASKFARMER_DEBUG) console.error(e);
      process.exitCode = 70;
    }
  },
);
