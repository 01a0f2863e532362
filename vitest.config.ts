import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real servers, real SDK clients and child processes: generous but bounded.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: file-level parallelism is capped so timing-sensitive tests stay honest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
