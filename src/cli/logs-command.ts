import type { Command } from 'commander';
import { relative } from 'node:path';
import { readOutput, TaskLogs, type TaskOutput } from '../workdir/tasklog-reader.js';
import { UsageError } from '../util/errors.js';
import { nonNegativeInt, positiveInt } from './args.js';

/** `taskfarmer logs WORKDIR ID [--attempt N | --all]`. */
export interface LogsArgs {
  workdir: string;
  id: number;
  attempt?: number;
  all: boolean;
}

export function addLogsCommand(program: Command, parsed: (args: LogsArgs) => void): void {
  program
    .command('logs')
    .description("print a task's output, whatever the log mode it ran with (the latest attempt by default)")
    .argument('<workdir>', 'work directory')
    .argument('<id>', 'task id (PROC_NUMBER)')
    .option('--attempt <N>', 'that attempt (1 = the first run)')
    .option('--all', 'every attempt kept, oldest first, each after a "==> task ID attempt N <==" line')
    .action((workdir: string, id: string, o: { attempt?: string; all?: boolean }) => {
      if (o.attempt !== undefined && o.all) throw new UsageError('--attempt and --all exclude each other');
      parsed({
        workdir,
        id: nonNegativeInt('task id', id),
        attempt: o.attempt === undefined ? undefined : positiveInt('--attempt', o.attempt),
        all: Boolean(o.all),
      });
    });
}

/**
 * Writes the output's bytes as the task wrote them (binary included). Exit 0; 1 when no output
 * of the task (or of that attempt) is kept; notes go to stderr.
 */
export function runLogs(a: LogsArgs, write: (b: Buffer | string) => void, note: (s: string) => void): number {
  const logs = TaskLogs.open(a.workdir);
  const kept = logs.outputs(a.id).filter((o) => a.attempt === undefined || o.attempt === a.attempt);
  if (kept.length === 0) {
    const which = a.attempt === undefined ? '' : ` of attempt ${a.attempt}`;
    const why =
      a.attempt === undefined
        ? 'it has not run yet, or ran with --logs none'
        : 'per-task logs keep only the latest attempt, unnumbered; per-worker logs keep each attempt';
    note(`no output${which} of task ${a.id} is kept in ${a.workdir} (${why})`);
    return 1;
  }
  const shown = a.all ? kept : kept.slice(-1);
  let glued = false;
  for (const o of shown) {
    if (a.all) write(`${glued ? '\n' : ''}==> task ${a.id} ${label(o)} (${relative(logs.paths.dir, o.file)}) <==\n`);
    const { bytes } = readOutput(o);
    write(bytes);
    glued = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a;
    if (!o.complete)
      note(`task ${a.id} ${label(o)} is still running, or its farmer died during it: its output may be cut short`);
  }
  return 0;
}

const label = (o: TaskOutput) => (o.attempt === null ? 'latest attempt with a per-task log' : `attempt ${o.attempt}`);
