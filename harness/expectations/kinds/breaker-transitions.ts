import { at, count } from '../../../common/validation/index.js';
import { breakerName, breakerState } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';
import { describeBounds } from './request-count.js';

const MAX_EVIDENCE = 20;

/**
 * Counts the transitions a `run` process LOGGED for a breaker, to a state and (optionally) from a
 * state, against min/max. The logged from-state is what an operator greps for (runbook Step 1),
 * so a re-open from HALF_OPEN must read "HALF_OPEN → OPEN": a transition logged with another
 * from-state does not count, and is listed with the state the harness had seen.
 */
export const breakerTransitions = defineExpectationKind({
  kind: 'breaker_transitions',
  summary: 'Transitions the run process logged for a breaker, to `to` (and from `from`, as logged), within min/max.',
  fields: {
    breaker: breakerName({ required: true }),
    to: breakerState({ required: true }),
    from: breakerState(),
    min: count(),
    max: count(),
  },
  refine(spec, path, problems) {
    if (spec.min === undefined && spec.max === undefined) problems.push(`${path}: needs min, max or both`);
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
      problems.push(`${at(path, 'min')}: must be <= max (${spec.max}), got ${spec.min}`);
    if (spec.from !== undefined && spec.from === spec.to)
      problems.push(`${at(path, 'from')}: must differ from to (${spec.to}); a state does not transition to itself`);
  },
  evaluate(spec, ctx) {
    const arrow = `${spec.from ?? 'any state'} → ${spec.to}`;
    const toTarget = ctx.transitions.filter(
      (t) => t.breaker === spec.breaker && t.command === 'run' && t.to === spec.to,
    );
    const matching = toTarget.filter((t) => spec.from === undefined || t.from === spec.from);
    const misworded = toTarget.filter((t) => spec.from !== undefined && t.from !== spec.from);
    const evidence = matching.slice(0, MAX_EVIDENCE).map((t) => `@${formatSeconds(t.atMs)} ${t.evidence}`);
    if (matching.length > MAX_EVIDENCE) evidence.push(`… ${matching.length - MAX_EVIDENCE} more`);
    for (const t of misworded.slice(0, MAX_EVIDENCE)) {
      const seen = t.consistent ? '' : ` (the harness had last seen it in another state than ${t.from})`;
      evidence.push(`not counted, logged ${t.from} → ${t.to}${seen}: @${formatSeconds(t.atMs)} ${t.evidence}`);
    }
    const observed = matching.length;
    return {
      name: `${spec.breaker} logged ${arrow} ${describeBounds(spec.min, spec.max)} time(s)`,
      passed: (spec.min === undefined || observed >= spec.min) && (spec.max === undefined || observed <= spec.max),
      expected: `${describeBounds(spec.min, spec.max)} × ${arrow}`,
      observed:
        misworded.length > 0
          ? `${observed} × ${arrow}; ${misworded.length} × → ${spec.to} logged from another state`
          : `${observed} × ${arrow}`,
      evidence: evidence.length > 0 ? evidence : [`no transition of ${spec.breaker} to ${spec.to} was logged`],
    };
  },
});
