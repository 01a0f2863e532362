import { count } from '../../../common/validation/index.js';
import { defineCondition } from '../define-condition.js';

export const failedBatchFilesAtLeast = defineCondition({
  kind: 'failed_batch_files_at_least',
  summary: 'At least `count` failed-batch files were written.',
  fields: { count: count({ required: true, min: 1 }) },
  isMet: (spec, state) => state.filesCreated() >= spec.count,
  describe: (spec) => `at least ${spec.count} failed-batch file(s) written`,
  describeState: (_spec, state) => `${state.filesCreated()} file(s)`,
});
