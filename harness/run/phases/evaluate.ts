/**
 * Phase "evaluate": the ledger and every expectation, from the run's events alone. It runs after
 * a failed run too: what was seen before the run broke is still evidence.
 */
import { describeError } from '../../errors.js';
import { createEvaluationContext, type EvaluationContext } from '../../expectations/evaluation-context.js';
import { evaluateExpectations } from '../../expectations/index.js';
import { computeLedger } from '../../ledger/compute-ledger.js';
import type { ResultExpectation, Verdict } from '../../result/result-schema.js';
import type { RunContext } from '../run-context.js';
import type { PhasesOutcome } from './outcome.js';

export interface Evaluation {
  readonly verdict: Verdict;
  readonly error?: string;
  readonly expectations: readonly ResultExpectation[];
  readonly ctx: EvaluationContext;
}

export function evaluatePhase(ctx: RunContext, outcome: PhasesOutcome): Evaluation {
  const events = ctx.bus.events();
  if (outcome.verdict === 'not_applicable') {
    // Nothing ran: judging expectations would only report absences the target never had a chance at.
    const empty = createEvaluationContext(events, computeLedger(events));
    return { verdict: 'not_applicable', error: outcome.error, expectations: [], ctx: empty };
  }
  const evaluation = createEvaluationContext(events, computeLedger(events));
  let expectations: ResultExpectation[];
  try {
    expectations = evaluateExpectations(ctx.scenario.expectations, evaluation);
  } catch (error) {
    return {
      verdict: 'error',
      error: `Failed to evaluate expectations: ${describeError(error)}`,
      expectations: [],
      ctx: evaluation,
    };
  }
  if (outcome.verdict === 'error') return { verdict: 'error', error: outcome.error, expectations, ctx: evaluation };
  if (outcome.verdict === 'failed') {
    // The report opens with it: the build or start output is the first evidence shown.
    const failure = outcome.productFailure;
    const first: ResultExpectation = {
      name: failure.what,
      kind: 'product_starts',
      passed: false,
      expected: 'the build under test builds and starts as shipped',
      observed: failure.message,
      evidence: failure.evidence,
    };
    // Nothing after the failed build or start ran: the scenario's own expectations would only echo it.
    return { verdict: 'failed', expectations: [first], ctx: evaluation };
  }
  const verdict = expectations.every((e) => e.passed) ? 'passed' : 'failed';
  return { verdict, expectations, ctx: evaluation };
}
