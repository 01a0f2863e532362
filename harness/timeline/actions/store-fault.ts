import { oneOf } from '../../../common/validation/index.js';
import { STORE_FAULTS } from '../../store/store-fault-kinds.js';
import { defineStepAction } from '../define-step-action.js';

/** Breaks the target's failed-batch store: the disk its last-resort code writes to. */
export const storeFaultAction = defineStepAction({
  kind: 'store_fault',
  summary: "Break the target's failed-batch store: unwritable, full (ENOSPC) or vanished.",
  fields: { fault: oneOf(STORE_FAULTS, { required: true }) },
  async run(spec, runtime) {
    await runtime.injectStoreFault(spec.fault);
    return { text: `store ${spec.fault}` };
  },
});

export const clearStoreFaultAction = defineStepAction({
  kind: 'clear_store_fault',
  summary: 'Put the failed-batch store right again (files moved aside come back).',
  fields: {},
  async run(_spec, runtime) {
    await runtime.clearStoreFault();
    return { text: 'store restored' };
  },
});
