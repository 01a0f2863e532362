/**
 * The scale-1 check the three core scenarios share: run on the reference target in real time
 * (the runbook's 60 s recovery timeout included) and expect every expectation to hold.
 * @note One test file per scenario calls this, so vitest runs the ~3-minute runs beside other files.
 */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../scenarios/index.js';
import { expectationNamed, expectNothingLeft, trackedRun } from './tracked-run.js';

export function describeScaleOneRun(scenarioId: string): void {
  describe(`${scenarioId} at --time-scale 1`, () => {
    it('passes every expectation in real time', { timeout: 420_000 }, async () => {
      const scenario = getScenario(scenarioId);
      if (!scenario) throw new Error(`unknown scenario ${scenarioId}`);
      const run = await trackedRun(scenario, { timeScale: 1 });
      const result = run.result!;
      const failed = result.expectations
        .filter((e) => !e.passed)
        .map((e) => `${e.name}: expected ${JSON.stringify(e.expected)}, observed ${JSON.stringify(e.observed)}`);
      expect(failed).toEqual([]);
      expect(result.verdict).toBe('passed');
      const recovery = expectationNamed(result, 'recovery_time').observed as number;
      expect(recovery).toBeGreaterThanOrEqual(58_000);
      expect(recovery).toBeLessThanOrEqual(75_000);
      expect(result.measuredTimeScale).toBeCloseTo(1, 1);
      await expectNothingLeft(run);
    });
  });
}
