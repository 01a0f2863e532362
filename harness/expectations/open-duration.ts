import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { type EvaluationContext, formatSeconds } from './evaluation-context.js';

type OpenDurationExpectation = Extract<Expectation, { kind: 'open_duration' }>;

/**
 * Every time `breaker` went OPEN → HALF_OPEN in the run process, it stayed OPEN between `minMs`
 * and `maxMs` target ms. The runbook promises HALF_OPEN "after the recovery timeout": sooner is a
 * broken promise, and so is much later (a breaker that only probes when traffic happens to come).
 * @note OPEN → HALF_OPEN is lazy in the connector (on the first call after the timeout), so the
 * upper bound needs traffic during OPEN; scenarios keep records arriving for that reason.
 */
export function evaluateOpenDuration(expectation: OpenDurationExpectation, ctx: EvaluationContext): ResultExpectation {
  const base = {
    name: `${expectation.breaker} stays OPEN for the recovery timeout before HALF_OPEN`,
    kind: expectation.kind,
    expected: `${expectation.minMs} ms ≤ OPEN ≤ ${expectation.maxMs} ms, each time`,
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
  const intervals = ctx.intervals(expectation.breaker);
  const opens = intervals.filter((interval, i) => interval.state === 'OPEN' && intervals[i + 1]?.state === 'HALF_OPEN');
  if (opens.length === 0) {
    return {
      ...base,
      passed: false,
      observed: `${expectation.breaker} never went OPEN → HALF_OPEN`,
      evidence: intervals.map((i) => `@${formatSeconds(i.startMs)} ${i.state}: ${i.evidence}`).slice(0, 8),
    };
  }
  const durations = opens.map((o) => Math.round(o.endMs - o.startMs));
  const evidence = opens.map((o, i) => `@${formatSeconds(o.startMs)} OPEN for ${durations[i]} ms: ${o.evidence}`);
  const passed = durations.every((d) => d >= expectation.minMs && d <= expectation.maxMs);
  return { ...base, passed, observed: durations.length === 1 ? durations[0] : durations, evidence };
}
