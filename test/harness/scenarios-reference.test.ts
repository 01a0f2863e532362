/**
 * The three Sentinel scenarios pass against the reference target at time scale 10, with
 * recovery times within the stated tolerance, and leave nothing behind (the "pass" ending).
 * The scale-1 run is in scale-one.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.js';
import { expectationNamed, expectNothingLeft, trackedRun } from './helpers/tracked-run.js';

describe.each(['rate-limit', 'sentinel-outage', 'auth-failure'])(
  '%s against the reference target at --time-scale 10',
  (id) => {
    it('passes every expectation and tears everything down', async () => {
      const run = await trackedRun(getScenario(id)!, { timeScale: 10 });
      expect(run.error).toBeUndefined();
      const result = run.result!;
      const failed = result.expectations
        .filter((e) => !e.passed)
        .map((e) => `${e.name}: expected ${JSON.stringify(e.expected)}, observed ${JSON.stringify(e.observed)}`);
      expect(failed).toEqual([]);
      expect(result.verdict).toBe('passed');
      const recovery = expectationNamed(result, 'recovery_time');
      expect(recovery.observed).toBeGreaterThanOrEqual(58_000);
      expect(recovery.observed).toBeLessThanOrEqual(75_000);
      expect(result.transitions.filter((t) => t.command === 'run').map((t) => `${t.from}>${t.to}`)).toEqual([
        'CLOSED>OPEN',
        'OPEN>HALF_OPEN',
        'HALF_OPEN>CLOSED',
      ]);
      expect(result.ledger).toMatchObject({ lost: 0, duplicates: 0, inFailedBatches: 0 });
      expect(result.ledger.replayed).toBeGreaterThan(0);
      expect(result.measuredTimeScale).toBeGreaterThan(9);
      expect(result.measuredTimeScale).toBeLessThan(11);
      await expectNothingLeft(run);
    });
  },
);
