import { existsSync } from 'node:fs';
import type { Runner, RunSpec } from './types.js';

/** bash if the machine has it (pipes, redirects, quotes, $VAR all work), else POSIX sh. */
export function defaultShell(): string {
  return existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

/** The default runner: each task under `bash -c`, as GNU parallel and a user's terminal would run it. */
export function shellRunner(shell = defaultShell()): Runner {
  return {
    name: 'default',
    command(task: string): RunSpec {
      return { file: shell, args: ['-c', task] };
    },
  };
}
