import { constants } from 'node:os';
import { TaskLogs } from '../workdir/tasklog-reader.js';
import { workerFiles, type Report } from './report.js';

const HEADER = 'Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n';

/**
 * GNU parallel's `--joblog` format: one tab-separated line per ended task, in the order the
 * tasks ended. Seq is the task id + 1 (parallel counts jobs from 1), Host the farmer's host,
 * Starttime epoch seconds, JobRuntime seconds (`%10.3f`, as parallel pads it), Send 0,
 * Receive the size of the task's last kept output (whatever the log mode), and a task killed by a signal has Exitval 0 and the
 * signal's number, as parallel writes them. Tasks without recorded timing are left out.
 */
export function* joblogLines(report: Report): Generator<string> {
  yield HEADER;
  const ended = report.tasks.filter(
    (t) => (t.outcome === 'finished' || t.outcome === 'failed') && t.start !== null && t.end !== null,
  );
  ended.sort((a, b) => a.end! - b.end! || a.id - b.id);
  // One pass over the logs for every task's size.
  const outputs = new TaskLogs(report.workdir).find(
    ended.map((t) => t.id),
    workerFiles(report.farmers),
  );
  for (const t of ended) {
    const sig = t.signal ? (constants.signals[t.signal as NodeJS.Signals] ?? 0) : 0;
    const exit = sig ? 0 : (t.exitCode ?? 0);
    const kept = outputs.get(t.id)!;
    const last = kept[kept.length - 1];
    const received = last ? last.ranges.reduce((n, [s, e]) => n + e - s, 0) : 0;
    const runtime = (Math.max(0, t.end! - t.start!) / 1000).toFixed(3).padStart(10);
    // A tab or newline in a command would break the columns; parallel has the same limit.
    const cmd = t.task.replace(/[\t\n]/g, ' ');
    yield `${t.id + 1}\t${t.host ?? ':'}\t${(t.start! / 1000).toFixed(3)}\t${runtime}\t0\t${received}\t${exit}\t${sig}\t${cmd}\n`;
  }
}
