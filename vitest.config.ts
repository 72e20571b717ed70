import { defineConfig } from 'vitest/config';

export default defineConfig({
  // src/runners/launcher.pl is imported as text, as the esbuild build does (scripts/build.mjs).
  plugins: [
    {
      name: 'text-files',
      transform(code, id) {
        if (id.endsWith('.pl')) return { code: `export default ${JSON.stringify(code)};`, map: null };
      },
    },
  ],
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
