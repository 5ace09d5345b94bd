import { defineConfig } from 'vitest/config';

// Browser journeys: a real server (built web UI, fresh embedded database with the demo county)
// driven by Debian's Chromium through playwright-core. One file at a time: they share a server.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 90_000,
    // expect.poll waits 1 s by default: a search answered in 2 s on a loaded machine is not a failure.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
