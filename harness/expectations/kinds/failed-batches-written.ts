import { count } from '../../../common/validation/index.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/** At least `min` failed-batch files appeared in the target's directory during the run. */
export const failedBatchesWritten = defineExpectationKind({
  kind: 'failed_batches_written',
  summary: "At least `min` failed-batch files appeared in the target's failed-batch directory.",
  fields: { min: count({ required: true, min: 1 }) },
  // Each replica falls back to its own store.
  perReplica: true,
  evaluate(spec, ctx) {
    const created = ctx.ofType('batch-file:created');
    return {
      name: 'failed batches written',
      passed: created.length >= spec.min,
      expected: `≥ ${spec.min} file(s)`,
      observed: created.length,
      evidence: created
        .slice(0, 20)
        .map((e) => `@${formatSeconds(e.atMs)} ${e.file} (${e.recordIds.length} record(s))`),
    };
  },
});
