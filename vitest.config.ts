import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests run real processes on a 2-core machine; a few files at a time keeps timings honest.
    maxWorkers: 2,
    minWorkers: 1,
    reporters: ['default'],
  },
});
