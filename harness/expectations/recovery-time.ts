import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { type EvaluationContext, formatSeconds } from './evaluation-context.js';

type RecoveryTimeExpectation = Extract<Expectation, { kind: 'recovery_time' }>;

/**
 * Target ms from the start of step `fromStep` (usually the clear) to `breaker` next entering
 * CLOSED. Observed is that number, or a sentence when the step never ran or CLOSED never came.
 */
export function evaluateRecoveryTime(expectation: RecoveryTimeExpectation, ctx: EvaluationContext): ResultExpectation {
  const bound =
    expectation.minMs !== undefined
      ? `${expectation.minMs} ms ≤ t ≤ ${expectation.maxMs} ms`
      : `≤ ${expectation.maxMs} ms`;
  const base = {
    name: `${expectation.breaker} recovery time from "${expectation.fromStep}"`,
    kind: expectation.kind,
    expected: bound,
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
  const step = ctx.steps.get(expectation.fromStep);
  if (!step || !step.ran)
    return {
      ...base,
      passed: false,
      observed: `step "${expectation.fromStep}" never ran${step ? ' (its trigger did not hold in time)' : ''}`,
      evidence: [],
    };
  const intervals = ctx.intervals(expectation.breaker);
  const stateAtStep =
    intervals.find((i) => i.startMs <= step.startedAtMs && step.startedAtMs < i.endMs)?.state ?? 'CLOSED';
  const closed = intervals.find((i) => i.state === 'CLOSED' && i.startMs > step.startedAtMs);
  const evidence = [`@${formatSeconds(step.startedAtMs)} step "${step.name}" started (breaker ${stateAtStep})`];
  if (!closed) {
    const last = intervals[intervals.length - 1]!;
    evidence.push(`@${formatSeconds(last.startMs)} last state ${last.state}: ${last.evidence}`);
    return {
      ...base,
      passed: false,
      observed: `not CLOSED again by the end of the run (${formatSeconds(ctx.endMs - step.startedAtMs)} after the step; breaker ${last.state})`,
      evidence,
    };
  }
  const recoveryMs = Math.round(closed.startMs - step.startedAtMs);
  evidence.push(`@${formatSeconds(closed.startMs)} CLOSED: ${closed.evidence}`);
  const passed =
    recoveryMs <= expectation.maxMs && (expectation.minMs === undefined || recoveryMs >= expectation.minMs);
  return { ...base, passed, observed: recoveryMs, evidence };
}
