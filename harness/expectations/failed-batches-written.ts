import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { type EvaluationContext, formatSeconds } from './evaluation-context.js';

type FailedBatchesExpectation = Extract<Expectation, { kind: 'failed_batches_written' }>;

/** At least `min` failed-batch files appeared in the target's directory during the run. */
export function evaluateFailedBatchesWritten(
  expectation: FailedBatchesExpectation,
  ctx: EvaluationContext,
): ResultExpectation {
  const created = ctx.ofType('batch-file:created');
  return {
    name: 'failed batches written',
    kind: expectation.kind,
    passed: created.length >= expectation.min,
    expected: `≥ ${expectation.min} file(s)`,
    observed: created.length,
    evidence: created.slice(0, 20).map((e) => `@${formatSeconds(e.atMs)} ${e.file} (${e.recordIds.length} record(s))`),
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
}
