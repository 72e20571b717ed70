import { join } from 'node:path';

/**
 * Every file name of the on-disk protocol, in one place. PyTaskFarmer's files sit at the top
 * of the workdir; our extra state lives in the hidden `.taskfarmer/` folder, which PyTaskFarmer
 * never reads.
 */
export interface Layout {
  dir: string;
  toprocess: string;
  finished: string;
  failed: string;
  timeline: string;
  logs: string;
  state: string;
  meta: string;
  lock: string;
  journals: string;
  history: string;
}

export function layout(dir: string): Layout {
  const state = join(dir, '.taskfarmer');
  return {
    dir,
    toprocess: join(dir, 'toprocess'),
    finished: join(dir, 'finished'),
    failed: join(dir, 'failed'),
    timeline: join(dir, 'timeline.json'),
    logs: join(dir, 'logs'),
    state,
    meta: join(state, 'meta.json'),
    lock: join(state, 'lock'),
    journals: join(state, 'journal'),
    history: join(state, 'history'),
  };
}

export function logPath(l: Layout, id: number): string {
  return join(l.logs, `log_${id}`);
}

export function journalPath(l: Layout, farmerId: string): string {
  return join(l.journals, `${farmerId}.jsonl`);
}

/** Files we create are never writable by other users, whatever the umask. */
export const FILE_MODE = 0o644;
export const DIR_MODE = 0o755;

/** `<id> <task>` lines, as PyTaskFarmer writes toprocess, finished and failed. */
export function formatTaskLine(id: number, task: string): string {
  return `${id} ${task}\n`;
}

/** Parses `<id> <task>` lines; lines that do not start with an id are reported by number. */
export function parseTaskLines(text: string, file: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const space = line.indexOf(' ');
    const idText = space < 0 ? line : line.slice(0, space);
    if (!/^\d+$/.test(idText)) {
      throw new Error(`${file}:${i + 1}: expected "<id> <task>", got "${line.slice(0, 60)}"`);
    }
    out.push([Number(idText), space < 0 ? '' : line.slice(space + 1)]);
  }
  return out;
}

/** The ids in a finished/failed file (a torn last line without its newline is skipped). */
export function idsOfTaskLines(text: string): number[] {
  const ids: number[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    const space = text.indexOf(' ', start);
    const end = space >= 0 && space < nl ? space : nl;
    const id = Number(text.slice(start, end));
    if (end > start && Number.isInteger(id)) ids.push(id);
    start = nl + 1;
  }
  return ids;
}
