/**
 * One evaluator per expectation kind (harness/scenario/types.ts), plus the always-on
 * `no_impossible_transitions` and, when records were seeded, `uploads_reached_sentinel`. Each returns { name, kind, passed, expected, observed, evidence,
 * promise } where evidence lists the log lines, journal entries and events that decided it.
 *
 * @example const results = evaluateExpectations(scenario.expectations, createEvaluationContext(events, ledger));
 */
import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { evaluateBreakerSequence } from './breaker-sequence.js';
import type { EvaluationContext } from './evaluation-context.js';
import { evaluateFailedBatchesWritten } from './failed-batches-written.js';
import { evaluateLedger } from './ledger-expectation.js';
import { evaluateNoImpossibleTransitions } from './no-impossible-transitions.js';
import { evaluateOpenDuration } from './open-duration.js';
import { evaluateRecoveryTime } from './recovery-time.js';
import { evaluateRequestCount } from './request-count.js';
import { evaluateRetrySpacing } from './retry-spacing.js';
import { evaluateSecretServedFromCache } from './secret-served-from-cache.js';
import { evaluateTargetAlive } from './target-alive.js';
import { evaluateUploadsReachedSentinel } from './uploads-reached-sentinel.js';

export function evaluateExpectation(expectation: Expectation, ctx: EvaluationContext): ResultExpectation {
  switch (expectation.kind) {
    case 'breaker_sequence':
      return evaluateBreakerSequence(expectation, ctx);
    case 'recovery_time':
      return evaluateRecoveryTime(expectation, ctx);
    case 'open_duration':
      return evaluateOpenDuration(expectation, ctx);
    case 'request_count':
      return evaluateRequestCount(expectation, ctx);
    case 'retry_spacing':
      return evaluateRetrySpacing(expectation, ctx);
    case 'ledger':
      return evaluateLedger(expectation, ctx);
    case 'failed_batches_written':
      return evaluateFailedBatchesWritten(expectation, ctx);
    case 'target_alive':
      return evaluateTargetAlive(expectation, ctx);
    case 'secret_served_from_cache':
      return evaluateSecretServedFromCache(expectation, ctx);
  }
}

export function evaluateExpectations(
  expectations: readonly Expectation[],
  ctx: EvaluationContext,
): ResultExpectation[] {
  const reachability = evaluateUploadsReachedSentinel(ctx);
  return [
    ...expectations.map((e) => evaluateExpectation(e, ctx)),
    evaluateNoImpossibleTransitions(ctx),
    ...(reachability ? [reachability] : []),
  ].map(inStableOrder);
}

/** Same key order in every result file, whatever order an evaluator built its object in. */
function inStableOrder(e: ResultExpectation): ResultExpectation {
  return {
    name: e.name,
    kind: e.kind,
    passed: e.passed,
    expected: e.expected,
    observed: e.observed,
    evidence: e.evidence,
    ...(e.promise !== undefined ? { promise: e.promise } : {}),
  };
}

export type { EvaluationContext, ObservedTransition } from './evaluation-context.js';
export { createEvaluationContext } from './evaluation-context.js';
