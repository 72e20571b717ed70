import { resolve } from 'node:path';
import { requeue } from '../workdir/requeue.js';
import type { RequeueArgs } from './requeue-args.js';

/** Moves the tasks and prints each one moved, then a line saying what happens next. */
export async function runRequeue(a: RequeueArgs, out: (s: string) => void): Promise<number> {
  const { moved, live } = await requeue({ dir: resolve(a.workdir), ids: a.ids });
  if (moved.length === 0) {
    out(`taskfarmer: no failed tasks to requeue in ${a.workdir}`);
    return 0;
  }
  for (const m of moved) out(`requeued ${m.id} ${m.task}`);
  const next = live ? 'running farmers pick them up; or run the farm again' : 'run the farm again to run them';
  out(`taskfarmer: ${moved.length} failed task${moved.length === 1 ? '' : 's'} back in toprocess (${next})`);
  return 0;
}
