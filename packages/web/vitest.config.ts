// Browser tests: the real API (packages/server, in this process) and the built web app (a child process), driven
// through Debian's Chromium. The server's global setup gives each run a fresh PostgreSQL database when DATABASE_URL
// is set (dropped afterwards), else the API runs on an in-memory PGlite.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql-js for the server code the tests load (see packages/server/vitest.config.ts).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['../server/test/global-setup.ts'],
    pool: 'forks',
    // As in packages/server: both cores, and the server's modules loaded once per worker rather than once per file.
    maxWorkers: 2,
    isolate: false,
    testTimeout: 120_000,
    // Live updates cross a WebSocket and, for the counters, a one-second debounce: poll for up to 10 s, not 1.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 120_000,
  },
});
