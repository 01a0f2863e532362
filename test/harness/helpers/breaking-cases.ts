/**
 * One breaking case: a scenario, the reference option that breaks a promise, and what the failed
 * expectation must show. Shared by the breaking-target end-to-end files.
 */
import { expect, it } from 'vitest';
import type { ScenarioResultFile } from '../../../harness/result/result-schema.js';
import { getScenario } from '../../../scenarios/index.js';
import { expectNothingLeft, trackedRun } from './tracked-run.js';

export interface BreakingCase {
  readonly scenario: string;
  readonly option: Readonly<Record<string, string>>;
  readonly kind: string;
  readonly promise: string;
  readonly observed: RegExp;
  readonly evidence?: RegExp;
}

const failedKinds = (result: ScenarioResultFile): string =>
  result.expectations
    .filter((e) => !e.passed)
    .map((e) => `${e.kind}: ${e.name} → ${JSON.stringify(e.observed)}`)
    .join('\n');

/** Registers one `it` per case (call inside a describe.concurrent). */
export function itFailsOnEachCase(cases: readonly BreakingCase[]): void {
  for (const c of cases) {
    const option = Object.entries(c.option)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    it(`${c.scenario} with ${option}: ${c.kind} fails with evidence`, async () => {
      const run = await trackedRun(getScenario(c.scenario)!, { targetOptions: c.option });
      const result = run.result!;
      // A broken target can also leave a later step waiting past the scenario's deadline (on a
      // loaded box, sooner): the run then errors as well, and its expectations are still judged.
      if (result.error !== undefined) expect(result.error).toMatch(/deadline|still running/);
      expect(['failed', 'error']).toContain(result.verdict);
      // A scenario may hold several expectations of one kind (two ledgers): the one citing the promise.
      const expectation = result.expectations.find((e) => e.kind === c.kind && e.promise === c.promise);
      expect(expectation, `no ${c.kind} citing ${c.promise}; failed: ${failedKinds(result)}`).toBeDefined();
      if (!expectation) return;
      expect(expectation.passed, failedKinds(result)).toBe(false);
      const observed =
        typeof expectation.observed === 'string' ? expectation.observed : JSON.stringify(expectation.observed);
      expect(observed).toMatch(c.observed);
      expect(expectation.evidence.length).toBeGreaterThan(0);
      if (c.evidence) expect(expectation.evidence.join('\n')).toMatch(c.evidence);
      await expectNothingLeft(run);
    });
  }
}
