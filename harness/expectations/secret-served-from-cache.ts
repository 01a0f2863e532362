import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { type EvaluationContext, formatSeconds } from './evaluation-context.js';

type SecretFromCacheExpectation = Extract<Expectation, { kind: 'secret_served_from_cache' }>;

/** The target logged serving a cached secret while `breaker` was OPEN (by the harness's own view too). */
export function evaluateSecretServedFromCache(
  expectation: SecretFromCacheExpectation,
  ctx: EvaluationContext,
): ResultExpectation {
  const open = ctx.intervals(expectation.breaker).filter((i) => i.state === 'OPEN');
  const served = ctx.ofType('secret:served-from-cache').filter((e) => e.breaker === expectation.breaker);
  const whileOpen = served.filter((e) => open.some((i) => e.atMs >= i.startMs && e.atMs <= i.endMs));
  return {
    name: `secret served from cache while ${expectation.breaker} OPEN`,
    kind: expectation.kind,
    passed: whileOpen.length > 0,
    expected: '≥ 1 cached secret served while OPEN',
    observed: whileOpen.length,
    evidence: [
      `${expectation.breaker} OPEN ${open.length} time(s)`,
      ...served.slice(0, 20).map((e) => `@${formatSeconds(e.atMs)} ${e.line}`),
    ],
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
}
