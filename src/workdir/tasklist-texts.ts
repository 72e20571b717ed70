import { closeSync, fstatSync } from 'node:fs';
import { listHandler, type TasklistHandler } from '../tasklist/handlers.js';
import { forEachTask, forEachTaskBytes, tasklistBytesProblem } from '../tasklist/parse.js';
import { readRange } from './files.js';
import { openTasklist } from './tasklist-file.js';
import { TaskTexts } from './texts.js';
import { forEachTaskLine } from './layout.js';
import { Status, type TaskState } from './state.js';
import { UsageError } from '../util/errors.js';

/**
 * The commands a farmer may run: the tasklist's, by id, and nothing else. `toprocess` and the
 * journals' `add` records also carry command text, but anyone who can write the workdir can
 * write those (a co-user made a root farmer run `touch /tmp/PWNED` that way). PyTaskFarmer
 * takes only ids from `toprocess`; so do we, and a workdir whose text for an id differs from
 * the tasklist's is refused. The tasklist itself was checked against the workdir's hash.
 */
export class TasklistTexts {
  private readonly lines = new TaskTexts();
  private count = 0;
  /** Bytes of the tasklist parsed so far. */
  private bytes = 0;

  constructor(
    readonly path: string,
    private readonly handler: TasklistHandler,
  ) {}

  /** The tasks of the first `upTo` bytes of the tasklist (as read into `buf`). */
  load(buf: Buffer, upTo: number): void {
    this.lines.setBase(buf);
    this.count = forEachTaskBytes(
      buf.subarray(0, upTo),
      (id, start, end) => this.lines.setRange(id, start, end),
      (id, line) => this.lines.set(id, line),
    );
    this.bytes = upTo;
  }

  /** How many tasks the tasklist has (as far as read). */
  get size(): number {
    return this.count;
  }

  /** The command of task `id` as the tasklist (through its handler) gives it; undefined if it has no such task. */
  command(id: number): string | undefined {
    if (!Number.isInteger(id) || id < 0) return undefined;
    if (id >= this.count) this.extend();
    const line = this.lines.get(id);
    if (line === undefined || this.handler === listHandler) return line;
    return this.handler(line, id);
  }

  /**
   * Reads the lines appended since (another farmer may have added them as tasks). Only whole
   * lines; a line that was still unfinished when the tasklist was first read is not one.
   */
  private extend(): void {
    // From the last byte already read: whether it is a newline tells if we start at a line.
    const pos = Math.max(0, this.bytes - 1);
    const fd = openTasklist(this.path);
    let chunk: Buffer;
    try {
      chunk = readRange(fd, pos, fstatSync(fd).size);
    } finally {
      closeSync(fd);
    }
    let from = 0;
    if (this.bytes > 0) {
      from = chunk[0] === 0x0a ? 1 : chunk.indexOf(0x0a, 1) + 1;
      if (from === 0) return;
    }
    const end = chunk.lastIndexOf(0x0a) + 1;
    if (end <= from) return;
    const added = chunk.subarray(from, end);
    // Bytes that cannot run are refused where lines become tasks (the farmer warns there).
    if (tasklistBytesProblem(added)) return;
    const first = this.count;
    this.count += forEachTask(added.toString('utf8'), (line, i) => this.lines.set(first + i, line));
    this.bytes = pos + end;
  }
}

/** A command shortened for an error message. */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? text.slice(0, 57) + '...' : text);
}

/** Why the workdir's text for task `id` cannot be run, or undefined when it is the tasklist's. */
export function commandProblem(texts: TasklistTexts, id: number, text: string): string | undefined {
  const want = texts.command(id);
  if (want === undefined) return `names task ${id}, which tasklist ${texts.path} does not have (${texts.size} tasks)`;
  if (want !== text)
    return `gives task ${id} the command ${shown(text)}, but tasklist ${texts.path} says ${shown(want)}`;
  return undefined;
}

/**
 * Records read while farming that give a command to a task the tasklist does not have
 * (someone else wrote them into a journal): the first one is kept, and the farm stops at its
 * next check rather than run anything more.
 */
export class ForeignCommands {
  private problem: string | undefined;

  constructor(
    private readonly texts: TasklistTexts,
    private readonly journals: string,
  ) {}

  /** A record read gave task `id` the command `task`. */
  seen(id: number, task: string): void {
    this.problem ??= commandProblem(this.texts, id, task);
  }

  /** The refusal of what was seen since the last call, if anything. */
  take(): UsageError | undefined {
    const problem = this.problem;
    this.problem = undefined;
    return problem ? refusal(this.journals, problem) : undefined;
  }
}

/** A journal's record gave a task a command that is not the tasklist's. */
export function refusal(journals: string, problem: string | undefined): UsageError {
  return new UsageError(`a journal in ${journals} ${problem}; refusing to run it`);
}

const REFUSE =
  'refusing to run anything (only the tasklist decides what runs: was the workdir changed by hand or by another user?)';

/** Every `<id> <task>` line of `toprocess` must be the tasklist's task `id`; a UsageError naming the line if not. */
export function checkToprocess(buf: Buffer, file: string, texts: TasklistTexts): void {
  let line = 0;
  forEachTaskLine(buf, file, (id, task) => {
    line++;
    const problem = commandProblem(texts, id, task);
    if (problem) throw new UsageError(`${file}:${line} ${problem}; ${REFUSE}`);
  });
}

/** Every task the workdir's state holds (toprocess and journal records) must be the tasklist's. */
export function checkCommands(state: TaskState, texts: TasklistTexts, journals: string): void {
  for (let id = 0; id < state.size; id++) {
    if (state.statusOf(id) === Status.Absent) continue;
    const task = state.task(id);
    const problem = task === undefined ? undefined : commandProblem(texts, id, task);
    if (problem) throw new UsageError(`a journal in ${journals} ${problem}; ${REFUSE}`);
  }
}
