import { Command, CommanderError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { parseDuration } from '../util/duration.js';
import { UsageError } from '../util/errors.js';
import type { FarmOptions } from '../farm/options.js';
import { addReportCommand, type ReportArgs } from './report-command.js';
import { addConfigCommand, type ConfigArgs } from './config-args.js';
import { addRequeueCommand, type RequeueArgs } from './requeue-args.js';
import { addLogsCommand, type LogsArgs } from './logs-command.js';
import { LOG_MODES, type LogMode } from '../workdir/tasklog.js';

export type CliCommand =
  | { kind: 'run'; options: FarmOptions; verbose: boolean; quiet: boolean; config?: string }
  | { kind: 'config'; args: ConfigArgs }
  | { kind: 'status'; workdir: string; json: boolean; watch?: number }
  | { kind: 'report'; args: ReportArgs }
  | { kind: 'requeue'; args: RequeueArgs }
  | { kind: 'logs'; args: LogsArgs }
  | { kind: 'exit'; code: number };

/** A positive integer flag value, or a one-line error naming the flag. */
export function positiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new UsageError(`${flag} must be a positive integer (got "${value}")`);
  }
  return Number(value);
}

export function nonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number ≥ 0 (got "${value}")`);
  return Number(value);
}

/** A log mode, or a one-line error naming where it came from. */
export function logMode(where: string, value: string): LogMode {
  if (!(LOG_MODES as readonly string[]).includes(value)) {
    throw new UsageError(`${where} must be per-task, per-worker or none (got "${value}")`);
  }
  return value as LogMode;
}

/**
 * PyTaskFarmer's `--verbose` took a level (`--verbose 1`). Ours is a switch; a numeric level
 * right after it is accepted and dropped so old command lines keep working.
 */
function dropVerboseLevel(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]);
    if ((argv[i] === '-v' || argv[i] === '--verbose') && /^\d+$/.test(argv[i + 1] ?? '')) i++;
  }
  return out;
}

/** argv (without node and script) → a validated command; every user error is a UsageError. */
export function parseArgs(argv: string[], version: string, write: (s: string) => void): CliCommand {
  let result: CliCommand | undefined;
  const program = new Command('taskfarmer')
    .description('Run every line of a tasklist as a command, N at a time, resumable and shareable across nodes.')
    .version(version, '--version')
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: write, outputError: () => {} })
    .showHelpAfterError(false)
    .enablePositionalOptions();

  const run = program
    .command('run', { isDefault: true })
    .description('farm a tasklist (the default command)')
    .argument('<tasklist>', 'file with one task per line (blank lines and # comments skipped)')
    .addOption(
      new Option('-n, --proc <N>', `parallel workers (default: ${availableParallelism()}, this machine's CPUs)`),
    )
    .option('-w, --workdir <DIR>', 'work directory (default: TASKLIST_workdir)')
    .option(
      '--timeout <DURATION>',
      'stop the whole farmer after this long: 3600, 90s, 15m, 2h (tasks go back, exit 75)',
    )
    .option('--task-timeout <DURATION>', 'kill a task running longer than this (counts as a failure)')
    .option('--retries <N>', 're-run a failing task up to N more times', '0')
    .option('--lease <DURATION>', 'a farmer silent this long is presumed dead; its tasks return to the pool', '60s')
    .option('--lock-stale <DURATION>', 'a workdir lock older than this was left by a dead farmer', '30s')
    .option(
      '--gpus-per-worker <N>',
      'give each worker slot its own N GPUs (CUDA_VISIBLE_DEVICES…); -n defaults to GPUs/N',
    )
    .option('--gpus <LIST>', 'GPUs to share out, e.g. 0,1,2,3 (default: CUDA_VISIBLE_DEVICES, …, nvidia-smi -L)')
    .option('--cpus-per-worker <N>', 'bind each worker slot to its own N cores; -n defaults to cores/N')
    .option('--max-failures <N>', 'stop claiming after N tasks failed (in the whole workdir); exit 1')
    .option('--max-failures-kill', 'with --max-failures, also stop the running tasks')
    .option('--no-walltime-guard', 'start tasks even when they are expected to outlive --timeout or the Slurm limit')
    .option('--fs-wait <DURATION>', 'wait this long for a workdir that stopped answering, then exit 74', '5m')
    .option('-r, --runner <NAME>', 'runner: default (bash -c), or one named in the configuration', 'default')
    .option(
      '-t, --tasklist <HANDLER>',
      'tasklist handler: default (one command per line), or one named in the configuration',
      'default',
    )
    .option(
      '--logs <MODE>',
      "where task output goes: per-task (logs/log_ID, PyTaskFarmer's), per-worker (one file per worker), none (default: the configuration's logs, else per-task)",
    )
    .option('--config <FILE>', 'configuration file with runners and handlers (default: ./taskfarmer.yml)')
    .option('-v, --verbose', 'print a line per task start and end')
    .option('-q, --quiet', 'print nothing but errors')
    .action((tasklist: string, o: Record<string, string | boolean | undefined>, cmd: Command) => {
      const s = (k: string) => o[k] as string | undefined;
      const int = (k: string, flag: string) => (s(k) === undefined ? undefined : positiveInt(flag, s(k)!));
      result = {
        kind: 'run',
        verbose: Boolean(o.verbose),
        quiet: Boolean(o.quiet),
        config: s('config'),
        options: {
          tasklist,
          workdir: s('workdir'),
          workers: s('proc') === undefined ? undefined : positiveInt('--proc', s('proc')!),
          timeout: s('timeout') === undefined ? undefined : parseDuration(s('timeout')!, '--timeout'),
          taskTimeout: s('taskTimeout') === undefined ? undefined : parseDuration(s('taskTimeout')!, '--task-timeout'),
          retries: nonNegativeInt('--retries', s('retries')!),
          lease: parseDuration(s('lease')!, '--lease'),
          lockStale: parseDuration(s('lockStale')!, '--lock-stale'),
          fsWait: parseDuration(s('fsWait')!, '--fs-wait'),
          runner: s('runner'),
          handler: s('tasklist'),
          gpusPerWorker: int('gpusPerWorker', '--gpus-per-worker'),
          gpus: s('gpus'),
          cpusPerWorker: int('cpusPerWorker', '--cpus-per-worker'),
          maxFailures: int('maxFailures', '--max-failures'),
          maxFailuresKill: o.maxFailuresKill ? true : undefined,
          // Unset unless given, so that a configuration file's walltime-guard can apply.
          walltimeGuard: cmd.getOptionValueSource('walltimeGuard') === 'cli' ? false : undefined,
          logs: s('logs') === undefined ? undefined : logMode('--logs', s('logs')!),
        },
      };
    });

  // PyTaskFarmer users type `taskfarmer --help` and expect -n, -w, --timeout…: the default
  // command's flags are shown at the top level too, not only under `taskfarmer run --help`.
  program.addHelpText('after', () => `\nThe default command, run:\n${run.helpInformation()}`);

  program
    .command('status')
    .description('show a workdir: tasks to process, running (by farmer), finished, failed')
    .argument('<workdir>', 'work directory')
    .option('--json', 'print JSON')
    .option('--watch [SECONDS]', 'refresh every SECONDS (default 2) until every task is done; Ctrl-C stops')
    .action((workdir: string, o: { json?: boolean; watch?: string | true }) => {
      const watch = o.watch === undefined ? undefined : o.watch === true ? 2000 : parseDuration(o.watch, '--watch');
      result = { kind: 'status', workdir, json: Boolean(o.json), watch };
    });

  addReportCommand(program, (args) => (result = { kind: 'report', args }));
  addRequeueCommand(program, (args) => (result = { kind: 'requeue', args }));
  addLogsCommand(program, (args) => (result = { kind: 'logs', args }));
  addConfigCommand(program, (args) => (result = { kind: 'config', args }));

  try {
    program.parse(dropVerboseLevel(argv), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return { kind: 'exit', code: 0 };
      throw new UsageError(err.message.replace(/^error: /, ''));
    }
    throw err;
  }
  if (!result) throw new UsageError('missing tasklist (try --help)');
  return result;
}
