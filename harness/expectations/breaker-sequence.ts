import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { type EvaluationContext, formatSeconds } from './evaluation-context.js';

type BreakerSequenceExpectation = Extract<Expectation, { kind: 'breaker_sequence' }>;

/**
 * The states `breaker` went through in the run process(es), compared with the expected list
 * exactly or as an ordered subsequence. Repeated states collapse (OPEN, OPEN → OPEN).
 *
 * @example evaluateBreakerSequence({ kind: 'breaker_sequence', breaker: 'azure-sentinel', sequence: ['CLOSED', 'OPEN'], match: 'subsequence' }, ctx)
 */
export function evaluateBreakerSequence(
  expectation: BreakerSequenceExpectation,
  ctx: EvaluationContext,
): ResultExpectation {
  const intervals = ctx.intervals(expectation.breaker);
  const observed = intervals.map((i) => i.state);
  const passed =
    expectation.match === 'exact'
      ? sameList(observed, expectation.sequence)
      : isSubsequence(expectation.sequence, observed);
  return {
    name: `${expectation.breaker} breaker sequence (${expectation.match})`,
    kind: expectation.kind,
    passed,
    expected: expectation.sequence.join(' → '),
    observed: observed.join(' → '),
    evidence: intervals.map((i) => `@${formatSeconds(i.startMs)} ${i.state}: ${i.evidence}`),
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** True when `needle` appears in `haystack` in order (not necessarily adjacent). */
export function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let i = 0;
  for (const value of haystack) if (i < needle.length && value === needle[i]) i += 1;
  return i === needle.length;
}
