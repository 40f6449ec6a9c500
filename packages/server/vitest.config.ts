import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Node, and so every library, loads the CJS copy; vite would hand
    // test files the ESM copy, and two copies of graphql-js refuse each other's types. One copy for all.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each file builds its own app (and, on the embedded default, its own in-memory PostgreSQL).
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
