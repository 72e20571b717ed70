import { defineConfig } from 'vitest/config';

/**
 * The unit tier: no processes (tests/helpers/no-processes.ts makes starting one throw), real
 * files allowed, seconds in all (`npm run test:unit`). Everything else is the e2e tier: real
 * processes, signals, a local Slurm (`npm run test:e2e`). `npm test` runs both.
 */
const UNIT = [
  'tests/farm/**/*.test.ts',
  'tests/workdir/**/*.test.ts',
  'tests/util/**/*.test.ts',
  'tests/tasklist/parse.test.ts',
  'tests/cli/requeue-args.test.ts',
  'tests/config/load.test.ts',
  'tests/config/ini.test.ts',
  'tests/action/inputs.test.ts',
  'tests/action/metadata.test.ts',
  'tests/report/ended.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests run real processes on a 2-core machine; a few files at a time keeps timings honest.
    maxWorkers: 2,
    minWorkers: 1,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, setupFiles: ['tests/helpers/no-processes.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/**/*.test.ts'], exclude: UNIT } },
    ],
  },
});
