import { breakerName, breakerState } from '../../domain/fields.js';
import { defineCondition } from '../define-condition.js';

/** @example { kind: 'breaker_state', breaker: 'azure-sentinel', state: 'OPEN' } // 'azure-sentinel is OPEN' */
export const breakerStateCondition = defineCondition({
  kind: 'breaker_state',
  summary: 'The run process (every replica, when the target runs several) reports the breaker in this state.',
  fields: { breaker: breakerName({ required: true }), state: breakerState({ required: true }) },
  isMet: (spec, state) => {
    const states = state.replicaBreakerStates(spec.breaker);
    return states.length > 0 ? states.every((s) => s === spec.state) : state.breakerState(spec.breaker) === spec.state;
  },
  describe: (spec) => `${spec.breaker} is ${spec.state}`,
  describeState: (spec, state) => {
    const states = state.replicaBreakerStates(spec.breaker);
    if (states.length <= 1) return `${spec.breaker} is ${state.breakerState(spec.breaker)}`;
    return `${spec.breaker} is ${states.map((s, i) => `${s} (r${i + 1})`).join(', ')}`;
  },
});
