import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'cli/**/*.test.ts',
      'models/**/*.test.ts',
      'sample-data/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    // Two cores: keep forks to two so a test run does not thrash the machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
  },
});
