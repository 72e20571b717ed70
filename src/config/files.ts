/**
 * Which configuration files apply, found without reading them: kept apart from the YAML and
 * schema code so that a run with no configuration file does not load (and pay for) either.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';

export interface LoadOptions {
  /** --config FILE / the `config` input; relative to cwd. Default: ./taskfarmer.yml if it exists. */
  file?: string;
  /** Default process.cwd(). */
  cwd?: string;
  /** Default the user's home directory. */
  home?: string;
}

export const DEFAULT_CONFIG_NAMES = ['taskfarmer.yml', 'taskfarmer.yaml'];

export interface Found {
  path: string;
  /** An explicit file: INI classes we cannot map are errors, not unavailable names. */
  explicit: boolean;
}

/** The configuration files to read, lowest precedence first. */
export function configFiles(opts: LoadOptions = {}): Found[] {
  const cwd = opts.cwd ?? process.cwd();
  const home = opts.home ?? homedir();
  const out: Found[] = [];
  const listDir = (dir: string, exts: string[]) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names.filter((n) => exts.some((e) => n.endsWith(e))).sort()) {
      const path = join(dir, n);
      if (statSync(path, { throwIfNoEntry: false })?.isFile()) out.push({ path, explicit: false });
    }
  };
  for (const d of ['runners.d', 'tasklists.d']) listDir(join(home, '.pytaskfarmer', d), ['.ini']);
  for (const d of ['runners.d', 'tasklists.d']) listDir(join(home, '.taskfarmer', d), ['.yaml', '.yml']);
  if (opts.file !== undefined) {
    const path = resolve(cwd, opts.file);
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`--config: ${opts.file}: no such file`);
    }
    out.push({ path, explicit: true });
  } else {
    const path = DEFAULT_CONFIG_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
    if (path) out.push({ path, explicit: true });
  }
  return out;
}
