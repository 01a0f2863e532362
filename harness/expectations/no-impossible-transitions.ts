import type { ResultExpectation } from '../result/result-schema.js';
import { type EvaluationContext, formatSeconds } from './evaluation-context.js';

/**
 * Always on: every logged transition must start from the state the harness last saw for that
 * breaker in that process. The real connector logs a re-open from HALF_OPEN as `CLOSED → OPEN`
 * (CONTRACTS §3): such a line is reported here as an impossible transition.
 */
export function evaluateNoImpossibleTransitions(ctx: EvaluationContext): ResultExpectation {
  const all = ctx.ofType('breaker:transitioned');
  const bad = all.filter((e) => !e.consistent);
  return {
    name: 'no impossible breaker transitions',
    kind: 'no_impossible_transitions',
    passed: bad.length === 0,
    expected: 0,
    observed: bad.length,
    evidence: bad
      .slice(0, 20)
      .map(
        (e) =>
          `@${formatSeconds(e.atMs)} ${e.breaker} (${e.command} pid ${e.pid}) was ${e.expectedFrom}, log says ${e.from} → ${e.to}: ${e.line.split('\n')[0]}`,
      ),
  };
}
