import { breakerName, breakerState } from '../../domain/fields.js';
import { defineCondition } from '../define-condition.js';

/** @example { kind: 'breaker_state', breaker: 'azure-sentinel', state: 'OPEN' } // 'azure-sentinel is OPEN' */
export const breakerStateCondition = defineCondition({
  kind: 'breaker_state',
  summary: 'The run process reports the breaker in this state.',
  fields: { breaker: breakerName({ required: true }), state: breakerState({ required: true }) },
  isMet: (spec, state) => state.breakerState(spec.breaker) === spec.state,
  describe: (spec) => `${spec.breaker} is ${spec.state}`,
  describeState: (spec, state) => `${spec.breaker} is ${state.breakerState(spec.breaker)}`,
});
