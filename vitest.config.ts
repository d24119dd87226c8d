import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{model,impl,properties,attacks,reports,bench,bin,examples}/**/*.test.ts'],
    setupFiles: ['test-setup/fast-check-seed.ts'],
    globalSetup: ['test-setup/print-seed.ts'],
    pool: 'forks',
    // every core: the default leaves one free; with both of this machine's, npm test takes 3.4 instead of 5.8 minutes
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'out/test-results.json' }]],
    coverage: {
      provider: 'v8',
      include: ['impl/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-helpers.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'out/coverage',
      thresholds: { lines: 85 },
    },
  },
});
