import type { Command } from 'commander';
import { UsageError } from '../util/errors.js';

/** `taskfarmer requeue WORKDIR --failed | --ids 3,7-9`. */
export interface RequeueArgs {
  workdir: string;
  ids: number[] | 'failed';
}

export function addRequeueCommand(program: Command, parsed: (args: RequeueArgs) => void): void {
  program
    .command('requeue')
    .description('move failed tasks back to toprocess (safe while farmers run); their retries start over')
    .argument('<workdir>', 'work directory')
    .option('--failed', 'every failed task')
    .option('--ids <LIST>', 'these failed tasks: ids and ranges, e.g. 3,7-9')
    .action((workdir: string, o: { failed?: boolean; ids?: string }) => {
      if (o.failed && o.ids !== undefined) throw new UsageError('requeue: give --failed or --ids, not both');
      if (!o.failed && o.ids === undefined) throw new UsageError('requeue: say which tasks: --failed or --ids 3,7-9');
      parsed({ workdir, ids: o.failed ? 'failed' : parseIds(o.ids!) });
    });
}

/** `3,7-9` → [3, 7, 8, 9]; anything else is a one-line error. */
export function parseIds(text: string): number[] {
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])) || (m[2] && Number(m[2]) - Number(m[1]) > 1e6)) {
      throw new UsageError(`--ids must be task ids and ranges such as 3,7-9 (got "${text}")`);
    }
    for (let id = Number(m[1]); id <= Number(m[2] ?? m[1]); id++) ids.push(id);
  }
  return ids;
}
