import { string } from '../../../common/validation/index.js';
import { defineStepAction } from '../define-step-action.js';

export const markAction = defineStepAction({
  kind: 'mark',
  summary: 'Put a labelled mark on the timeline (nothing else happens).',
  fields: { label: string({ required: true }) },
  run: async (spec) => ({ text: spec.label }),
});
