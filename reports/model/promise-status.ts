import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import type { RunbookPromise } from '../../scenarios/promises.js';
import { assistanceOf } from './operator-facts.js';

/**
 * Four statuses, so a release engineer sees what the PRODUCT does:
 * - `verified`: held in a run through the product's own entry point, with no help;
 * - `verified with help`: held only in runs where the harness helped (a shim, a driver);
 * - `violated`: an expectation citing it failed, in any run;
 * - `not exercised`: no run that could judge it completed.
 */
export type PromiseVerdict = 'verified' | 'verified with help' | 'violated' | 'not exercised';
export const PROMISE_VERDICTS: readonly PromiseVerdict[] = [
  'verified',
  'verified with help',
  'violated',
  'not exercised',
];

export interface PromiseStatus {
  readonly id: string;
  readonly statement: string;
  readonly source: string;
  readonly status: PromiseVerdict;
  /** Scenarios whose expectations cite this promise, sorted. */
  readonly scenarios: readonly string[];
  /** Names of failed expectations citing it, as `scenario: expectation`. */
  readonly failedExpectations: readonly string[];
  /** For `verified with help`: the help it held with (`shim upload-adapter`, `driver keyvault-driver`). */
  readonly help?: readonly string[];
  /** Why a cited promise still counts as not exercised (e.g. its scenario errored). */
  readonly note?: string;
}

/**
 * Status of every promise in the catalogue, in catalogue order. A failed expectation makes a
 * promise violated wherever it comes from. A passed one verifies it only when its scenario
 * did not error: an errored run stopped early, so its passes prove nothing. Nor does a pass in a
 * run where no upload reached Sentinel (`uploads_reached_sentinel` failed): "no record altered"
 * or "no upload while OPEN" hold trivially when nothing is sent. A pass in a run with declared
 * help verifies it only "with help".
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
    const idleOnly = new Set<string>();
    const notApplicable: string[] = [];
    const help = new Set<string>();
    let passedUnaided = false;
    let passedWithHelp = false;
    for (const result of results) {
      if (result.verdict === 'not_applicable' && result.promises?.includes(promise.id)) {
        scenarios.add(result.scenario);
        notApplicable.push(`${result.scenario} (${result.error ?? 'not applicable'})`);
      }
      const assistance = assistanceOf(result);
      const nothingSent = result.expectations.some((e) => e.kind === 'uploads_reached_sentinel' && !e.passed);
      for (const expectation of result.expectations) {
        if (expectation.promise !== promise.id) continue;
        scenarios.add(result.scenario);
        if (!expectation.passed) failed.push(`${result.scenario}: ${expectation.name}`);
        else if (result.verdict === 'error') erroredOnly.add(result.scenario);
        else if (nothingSent) idleOnly.add(result.scenario);
        else if (assistance.length > 0) {
          passedWithHelp = true;
          for (const a of assistance) help.add(`${a.kind} ${a.name}`);
        } else passedUnaided = true;
      }
    }
    const status: PromiseVerdict =
      failed.length > 0
        ? 'violated'
        : passedUnaided
          ? 'verified'
          : passedWithHelp
            ? 'verified with help'
            : 'not exercised';
    const notes = [
      ...(erroredOnly.size > 0 ? [`scenario errored: ${[...erroredOnly].sort().join(', ')}`] : []),
      ...(idleOnly.size > 0 ? [`no upload reached Sentinel in: ${[...idleOnly].sort().join(', ')}`] : []),
      ...(notApplicable.length > 0 ? [`not applicable: ${notApplicable.join('; ')}`] : []),
    ];
    return {
      id: promise.id,
      statement: promise.statement,
      source: promise.source,
      status,
      scenarios: [...scenarios].sort(),
      failedExpectations: failed,
      ...(status === 'verified with help' ? { help: [...help].sort() } : {}),
      ...(status === 'not exercised' && notes.length > 0 ? { note: notes.join('; ') } : {}),
    };
  });
}
