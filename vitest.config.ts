import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/support/long-first-sequencer.js';

/**
 * Two tiers, one config:
 * - `unit`: pure logic and in-process fakes on a ManualClock: no child process, no real-time wait.
 *   `npm run test:unit` runs it in about a minute on two cores.
 * - `e2e`: real SDK clients with their real retries, child processes (the reference target, the
 *   python stand-in, toxiproxy, the CLIs, a browser), whole scenarios. Files end in `.e2e.test.ts`.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    // Projects take their sequencer from the root config.
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          // Real servers, real SDK clients and child processes: generous but bounded.
          testTimeout: 240_000,
          hookTimeout: 120_000,
          // Most end-to-end time is spent waiting on target time (breaker timeouts, retries), but at
          // x10 a wall-clock stall of 100 ms is a target second: two files at once, on two cores,
          // keep scaled target time faithful (three made steady-state bounds flake in CI).
          maxWorkers: 2,
          // describe.concurrent files (the breaking-target runs) run at most two scenarios at a time.
          maxConcurrency: 2,
        },
      },
    ],
  },
});
