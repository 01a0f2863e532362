import { string } from '../../../common/validation/index.js';
import { defineStepAction } from '../define-step-action.js';

export const clearAction = defineStepAction({
  kind: 'clear',
  summary: 'Remove a fault rule an earlier inject step added.',
  fields: { faultId: string({ required: true }) },
  refine(spec, path, problems, context) {
    if (!context.faultIds.has(spec.faultId)) {
      const known = [...context.faultIds].join(', ') || 'none';
      problems.push(`${path}.faultId: no earlier inject step injects "${spec.faultId}" (known: ${known})`);
    }
  },
  async run(spec, runtime) {
    await runtime.clearFault(spec.faultId);
    return { text: `cleared ${spec.faultId}` };
  },
});
