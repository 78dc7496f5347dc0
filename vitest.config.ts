import { defineConfig } from 'vitest/config';

// Three tiers. Pure code runs in parallel; the tiers that drive real servers run one file at a time
// because time skipping is global to one test server and the machine has two cores.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/dsl/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'workflows',
          include: ['test/workflows/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup: ['test/support/global-postgres.ts'],
          setupFiles: ['test/support/quiet-runtime.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/support/global-postgres.ts', 'test/support/global-temporal-dev.ts'],
          setupFiles: ['test/support/quiet-runtime.ts'],
        },
      },
    ],
  },
});
