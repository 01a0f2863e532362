import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import type { RunbookPromise } from '../../scenarios/promises.js';

export type PromiseVerdict = 'verified' | 'violated' | 'not exercised';

export interface PromiseStatus {
  readonly id: string;
  readonly statement: string;
  readonly source: string;
  readonly status: PromiseVerdict;
  /** Scenarios whose expectations cite this promise, sorted. */
  readonly scenarios: readonly string[];
  /** Names of failed expectations citing it, as `scenario: expectation`. */
  readonly failedExpectations: readonly string[];
  /** Why a cited promise still counts as not exercised (e.g. its scenario errored). */
  readonly note?: string;
}

/**
 * Status of every promise in the catalogue, in catalogue order. A failed expectation makes a
 * promise violated wherever it comes from. A passed one verifies it only when its scenario
 * did not error: an errored run stopped early, so its passes prove nothing.
 * @example computePromiseStatuses(results, RUNBOOK_PROMISES)
 */
export function computePromiseStatuses(
  results: readonly ScenarioResultFile[],
  promises: readonly RunbookPromise[],
): PromiseStatus[] {
  return promises.map((promise) => {
    const scenarios = new Set<string>();
    const failed: string[] = [];
    const erroredOnly = new Set<string>();
    let passedInGoodRun = false;
    for (const result of results) {
      for (const expectation of result.expectations) {
        if (expectation.promise !== promise.id) continue;
        scenarios.add(result.scenario);
        if (!expectation.passed) failed.push(`${result.scenario}: ${expectation.name}`);
        else if (result.verdict === 'error') erroredOnly.add(result.scenario);
        else passedInGoodRun = true;
      }
    }
    const status: PromiseVerdict = failed.length > 0 ? 'violated' : passedInGoodRun ? 'verified' : 'not exercised';
    const note =
      status === 'not exercised' && erroredOnly.size > 0
        ? `scenario errored: ${[...erroredOnly].sort().join(', ')}`
        : undefined;
    return {
      id: promise.id,
      statement: promise.statement,
      source: promise.source,
      status,
      scenarios: [...scenarios].sort(),
      failedExpectations: failed,
      ...(note ? { note } : {}),
    };
  });
}
