import { count } from '../../../common/validation/index.js';
import type { LiveState } from '../../observe/live-state.js';
import { defineCondition } from '../define-condition.js';

export const deliveredAtLeast = defineCondition({
  kind: 'delivered_at_least',
  summary: 'At least `records` seeded records reached Sentinel.',
  fields: { records: count({ required: true, min: 1 }) },
  isMet: (spec, state) => countSeededDelivered(state) >= spec.records,
  describe: (spec) => `at least ${spec.records} seeded record(s) delivered`,
  describeState: (_spec, state) => describeDelivered(state),
});

export const allSeededDelivered = defineCondition({
  kind: 'all_seeded_delivered',
  summary: 'Every record seeded so far reached Sentinel.',
  fields: {},
  isMet: (_spec, state) => state.seeded.size > 0 && countSeededDelivered(state) === state.seeded.size,
  describe: () => 'every seeded record delivered',
  describeState: (_spec, state) => describeDelivered(state),
});

function countSeededDelivered(state: LiveState): number {
  let n = 0;
  for (const id of state.seeded) if (state.delivered.has(id)) n += 1;
  return n;
}

function describeDelivered(state: LiveState): string {
  return `${countSeededDelivered(state)}/${state.seeded.size} delivered`;
}
