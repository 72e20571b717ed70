/**
 * Task identity, exactly as PyTaskFarmer numbers tasks: a task is a tasklist line that is
 * neither blank nor a comment once trimmed, and its id is its 0-based index among such lines.
 */

/** True if a raw tasklist line is a task (PyTaskFarmer skips blank lines and `#` comments). */
export function isTaskLine(trimmed: string): boolean {
  return trimmed.length > 0 && !trimmed.startsWith('#');
}

/** Calls `fn(line, id)` for each task line of a tasklist's text (trimmed), in order. Returns the count. */
export function forEachTask(text: string, fn: (line: string, id: number) => void): number {
  let id = 0;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl).trim();
    if (isTaskLine(line)) fn(line, id++);
    start = nl + 1;
  }
  return id;
}

/** The trimmed task lines of a tasklist's text, in order; the array index is the task id. */
export function parseTasklist(text: string): string[] {
  const tasks: string[] = [];
  forEachTask(text, (line) => tasks.push(line));
  return tasks;
}
