import { breakerName, breakerState } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/**
 * The runbook's Verification checklist opens with "circuit breaker state: CLOSED": at the end of
 * the run the breaker of the last `run` process is in `state` (default CLOSED). A breaker that
 * never logged a transition is reported as such, so a target without that breaker is visible.
 */
export const finalBreakerState = defineExpectationKind({
  kind: 'final_breaker_state',
  summary: 'At the end of the run the breaker of the last run process is in `state` (default CLOSED).',
  fields: { breaker: breakerName({ required: true }), state: breakerState() },
  perReplica: true,
  evaluate(spec, ctx) {
    const expected = spec.state ?? 'CLOSED';
    const intervals = ctx.intervals(spec.breaker);
    const last = intervals[intervals.length - 1];
    const seen = ctx.transitions.some((t) => t.breaker === spec.breaker && t.command === 'run');
    const observed = last ? last.state : 'CLOSED';
    return {
      name: `${spec.breaker} ${expected} at the end of the run`,
      passed: observed === expected,
      expected,
      observed: seen ? observed : `${observed} (no transition of ${spec.breaker} was ever logged)`,
      evidence: last ? [`@${formatSeconds(last.startMs)} ${last.state}: ${last.evidence}`] : [],
    };
  },
});
