import { at, durationMs } from '../../../common/validation/index.js';
import { breakerName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';
import { stepRef } from '../step-ref.js';

/**
 * Target ms from the start of step `fromStep` (usually the clear) to `breaker` next entering
 * CLOSED. Observed is that number, or a sentence when the step never ran or CLOSED never came.
 */
export const recoveryTime = defineExpectationKind({
  kind: 'recovery_time',
  summary: 'Target ms from a step (the fault lifted) to the breaker next entering CLOSED, within bounds.',
  fields: {
    breaker: breakerName({ required: true }),
    fromStep: stepRef({ required: true }),
    maxMs: durationMs({ required: true }),
    minMs: durationMs(),
  },
  refine(spec, path, problems) {
    if (spec.minMs !== undefined && spec.minMs > spec.maxMs)
      problems.push(`${at(path, 'minMs')}: must be <= maxMs (${spec.maxMs}), got ${spec.minMs}`);
  },
  perReplica: true,
  evaluate(spec, ctx) {
    const bound = spec.minMs !== undefined ? `${spec.minMs} ms ≤ t ≤ ${spec.maxMs} ms` : `≤ ${spec.maxMs} ms`;
    const base = { name: `${spec.breaker} recovery time from "${spec.fromStep}"`, expected: bound };
    const step = ctx.steps.get(spec.fromStep);
    if (!step?.ran) {
      const why = step ? ' (its trigger did not hold in time)' : '';
      return { ...base, passed: false, observed: `step "${spec.fromStep}" never ran${why}`, evidence: [] };
    }
    const intervals = ctx.intervals(spec.breaker);
    const stateAtStep =
      intervals.find((i) => i.startMs <= step.startedAtMs && step.startedAtMs < i.endMs)?.state ?? 'CLOSED';
    const closed = intervals.find((i) => i.state === 'CLOSED' && i.startMs > step.startedAtMs);
    const evidence = [`@${formatSeconds(step.startedAtMs)} step "${step.name}" started (breaker ${stateAtStep})`];
    const last = intervals[intervals.length - 1];
    if (!closed) {
      if (last) evidence.push(`@${formatSeconds(last.startMs)} last state ${last.state}: ${last.evidence}`);
      const after = formatSeconds(ctx.endMs - step.startedAtMs);
      const observed = `not CLOSED again by the end of the run (${after} after the step; breaker ${last?.state})`;
      return { ...base, passed: false, observed, evidence };
    }
    const recoveryMs = Math.round(closed.startMs - step.startedAtMs);
    evidence.push(`@${formatSeconds(closed.startMs)} CLOSED: ${closed.evidence}`);
    const passed = recoveryMs <= spec.maxMs && (spec.minMs === undefined || recoveryMs >= spec.minMs);
    return { ...base, passed, observed: recoveryMs, evidence };
  },
});
