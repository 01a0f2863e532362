import { at, durationMs } from '../../../common/validation/index.js';
import { describeCondition, describeConditionState } from '../../conditions/registry.js';
import { conditionField } from '../condition-field.js';
import { defineStepAction } from '../define-step-action.js';

/** Waits for a condition; not holding in time is an observation (`timed_out`), not a crash. */
export const waitAction = defineStepAction({
  kind: 'wait',
  summary: 'Wait until a condition holds, at most timeoutMs (target ms).',
  fields: { until: conditionField({ required: true }), timeoutMs: durationMs({ required: true, positive: true }) },
  refine(spec, path, problems, context) {
    if (context.deadlineMs !== undefined && spec.timeoutMs > context.deadlineMs)
      problems.push(`${at(path, 'timeoutMs')}: must be <= ${context.deadlineMs}, got ${spec.timeoutMs}`);
  },
  async run(spec, runtime) {
    if (await runtime.waitFor(spec.until, spec.timeoutMs)) return { text: describeCondition(spec.until) };
    const text =
      `"${describeCondition(spec.until)}" did not hold within ${spec.timeoutMs} ms (target). ` +
      `Last seen: ${describeConditionState(spec.until, runtime.state)}`;
    return { text, timedOut: true };
  },
});
