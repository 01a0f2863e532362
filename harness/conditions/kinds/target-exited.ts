import { defineCondition } from '../define-condition.js';

export const targetExited = defineCondition({
  kind: 'target_exited',
  summary: 'The run process exited.',
  fields: {},
  isMet: (_spec, state) => state.runExited(),
  describe: () => 'the target exited',
  describeState: (_spec, state) => (state.runExited() ? 'exited' : 'running'),
});
