import { defineConfig } from 'vitest/config';

// Unit and API tests. API tests pick their database from TEST_DB (pglite | postgres);
// scripts/test-all.sh runs the suite once for each.
export default defineConfig({
  test: {
    include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
