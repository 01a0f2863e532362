import { list, oneOf } from '../../../common/validation/index.js';
import { breakerName, breakerState } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/**
 * The states `breaker` went through in the run process(es), compared with the expected list
 * exactly or as an ordered subsequence. Repeated states collapse (OPEN, OPEN → OPEN).
 *
 * @example { kind: 'breaker_sequence', breaker: 'azure-sentinel', sequence: ['CLOSED', 'OPEN'], match: 'subsequence' }
 */
export const breakerSequence = defineExpectationKind({
  kind: 'breaker_sequence',
  summary: "The breaker's states over the run, exactly or as an ordered subsequence.",
  fields: {
    breaker: breakerName({ required: true }),
    sequence: list(breakerState(), { required: true, nonEmpty: true }),
    match: oneOf(['exact', 'subsequence'], { required: true }),
  },
  // A breaker lives in one process: each replica has its own sequence.
  perReplica: true,
  evaluate(spec, ctx) {
    const intervals = ctx.intervals(spec.breaker);
    const observed = intervals.map((i) => i.state);
    const passed = spec.match === 'exact' ? sameList(observed, spec.sequence) : isSubsequence(spec.sequence, observed);
    return {
      name: `${spec.breaker} breaker sequence (${spec.match})`,
      passed,
      expected: spec.sequence.join(' → '),
      observed: observed.join(' → '),
      evidence: intervals.map((i) => `@${formatSeconds(i.startMs)} ${i.state}: ${i.evidence}`),
    };
  },
});

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** True when `needle` appears in `haystack` in order (not necessarily adjacent). */
export function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let i = 0;
  for (const value of haystack) if (i < needle.length && value === needle[i]) i += 1;
  return i === needle.length;
}
