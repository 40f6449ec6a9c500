import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each file builds its own app (and, on the embedded default, its own in-memory PostgreSQL).
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
