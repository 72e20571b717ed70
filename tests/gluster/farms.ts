/** Farmers on a GlusterFS test volume, one mount per pretend node. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCli } from '../helpers/cli.js';
import type { GlusterCluster } from '../helpers/gluster.js';

/** A directory on the volume, by its path relative to the volume's root. */
export interface Shared {
  /** The same directory through mount i. */
  at(i: number): string;
}

let serial = 0;

/** A new directory on the volume, created through mount 0. */
export function sharedDir(g: GlusterCluster, prefix: string): Shared {
  const rel = `${prefix}-${process.pid}-${++serial}`;
  mkdirSync(join(g.mounts[0], rel));
  return { at: (i) => join(g.mounts[i % g.mounts.length], rel) };
}

/** Writes a tasklist into a shared directory (through mount 0). */
export function sharedTasks(d: Shared, tasks: string[], name = 'tasks.txt'): void {
  writeFileSync(join(d.at(0), name), tasks.map((t) => `${t}\n`).join(''));
}

/**
 * A farmer running through mount `i`: its tasklist and workdir paths are those of that mount,
 * as on a node that mounts the volume there.
 */
export function farmerOn(d: Shared, i: number, args: string[], opts: { detached?: boolean } = {}) {
  const dir = d.at(i);
  return startCli([join(dir, 'tasks.txt'), '-w', join(dir, 'wd'), ...args], opts);
}
