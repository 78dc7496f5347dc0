import { defineConfig } from 'vitest/config';

// Five tiers (and one opt-in). Pure code runs in parallel; the tiers that drive real servers run one file at a time
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
      {
        // Fault injection (docs/reliability.md): workers killed, Temporal and PostgreSQL restarted, the API under
        // load. Each file starts and kills its own servers; they run one at a time.
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 1_200_000,
          hookTimeout: 180_000,
          globalSetup: ['test/reliability/global-setup.ts'],
          setupFiles: ['test/support/quiet-runtime.ts'],
        },
      },
      // Schemathesis against the running API (test/contract): every operation of the document, as three callers
      // at once, on an API stack of its own (PostgreSQL and the Temporal dev server from its global set-up). Like
      // every tier without file parallelism, its file runs alone, never beside another tier's.
      {
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 180_000,
          globalSetup: ['test/support/global-postgres.ts', 'test/support/global-temporal-dev.ts'],
          setupFiles: ['test/support/quiet-runtime.ts'],
        },
      },
      // The production topology (scripts/topology.ts): opt-in with `npm run test:topology`, because its first run
      // builds the Temporal server with Go.
      ...(process.env.DONDOC_TOPOLOGY === '1'
        ? [
            {
              test: {
                name: 'topology',
                include: ['test/topology/**/*.test.ts'],
                fileParallelism: false,
                testTimeout: 3_600_000,
                hookTimeout: 600_000,
                // The fault runs (faults.test.ts) run the workers from dist/ with a bundle of the current sources.
                globalSetup: ['test/reliability/global-setup.ts'],
                setupFiles: ['test/support/quiet-runtime.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
