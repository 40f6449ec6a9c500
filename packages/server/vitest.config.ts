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
    // Both cores (vitest's default leaves one idle), and files of one worker share loaded modules instead of
    // importing the whole server again per file: that import was a third of the suite's CPU time. Files may share
    // modules but not state: each builds and stops its own app.
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
