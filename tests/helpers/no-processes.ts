/**
 * Set up before every file of the unit tier (vitest.config.ts): starting a process throws, so
 * a test that needs one fails loudly here instead of quietly making the fast tier slow. Such a
 * test belongs to the e2e tier.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const forbidden = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
for (const name of forbidden) {
  Object.defineProperty(childProcess, name, {
    configurable: true,
    writable: true,
    value: () => {
      throw new Error(`child_process.${name}: the unit tier starts no processes (move this test to the e2e tier)`);
    },
  });
}
// Named imports (`import { spawn } from 'node:child_process'`, execa's too) see the change.
syncBuiltinESMExports();
