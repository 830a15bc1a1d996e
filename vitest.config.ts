import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // 'server-only' throws outside a React Server Components build; tests are server code.
      'server-only': path.resolve(import.meta.dirname, 'test/helpers/server-only.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Most test time is spent waiting on a database, so two workers keep both cores busy.
    maxWorkers: 2,
    globalSetup: ['test/helpers/database-templates.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    allowOnly: !process.env.CI,
  },
});
