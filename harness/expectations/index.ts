/**
 * Judging a run: every declared expectation through its registered kind, then the always-on
 * checks. Each result carries { name, kind, passed, expected, observed, evidence, promise? }.
 *
 * @example const results = evaluateExpectations(scenario.expectations, createEvaluationContext(events, ledger));
 */
import type { ResultExpectation } from '../result/result-schema.js';
import { ALWAYS_ON_CHECKS } from './always-on/index.js';
import type { EvaluationContext } from './evaluation-context.js';
import { type Expectation, judgeExpectation, toResult } from './registry.js';

export function evaluateExpectations(
  expectations: readonly Expectation[],
  ctx: EvaluationContext,
): ResultExpectation[] {
  const declared = expectations.flatMap((e) => judgeExpectation(e, ctx));
  const alwaysOn = ALWAYS_ON_CHECKS.flatMap((check) => {
    const verdict = check.evaluate(ctx);
    return verdict ? [toResult(verdict, check.kind, check.promise)] : [];
  });
  return [...declared, ...alwaysOn];
}

export type { ExpectationKind, ExpectationVerdict } from './define-expectation-kind.js';
export { defineExpectationKind } from './define-expectation-kind.js';
export type { EvaluationContext, ObservedTransition } from './evaluation-context.js';
export { createEvaluationContext } from './evaluation-context.js';
export type { Expectation } from './registry.js';
export { EXPECTATION_KINDS, validateExpectation } from './registry.js';
