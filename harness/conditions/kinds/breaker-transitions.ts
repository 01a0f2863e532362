import { count } from '../../../common/validation/index.js';
import { breakerName, breakerState } from '../../domain/fields.js';
import { defineCondition } from '../define-condition.js';

/**
 * The breaker has entered `to` at least `count` times in run processes. Lets a step wait for the
 * second HALF_OPEN (a relapse) rather than the first, as "When Circuit Won't Close" needs.
 *
 * @example { kind: 'breaker_transitions_at_least', breaker: 'azure-sentinel', to: 'HALF_OPEN', count: 2 }
 */
export const breakerTransitionsAtLeast = defineCondition({
  kind: 'breaker_transitions_at_least',
  summary: 'The breaker entered state `to` at least `count` times (in run processes).',
  fields: {
    breaker: breakerName({ required: true }),
    to: breakerState({ required: true }),
    count: count({ required: true, min: 1 }),
  },
  isMet: (spec, state) => state.transitionsInto(spec.breaker, spec.to) >= spec.count,
  describe: (spec) => `${spec.breaker} entered ${spec.to} at least ${spec.count} time(s)`,
  describeState: (spec, state) =>
    `${spec.breaker} entered ${spec.to} ${state.transitionsInto(spec.breaker, spec.to)} time(s)`,
});
