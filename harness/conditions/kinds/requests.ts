import { count, number } from '../../../common/validation/index.js';
import { operationName, serviceName } from '../../domain/fields.js';
import { defineCondition } from '../define-condition.js';

export const requestsAtLeast = defineCondition({
  kind: 'requests_at_least',
  summary: 'The fakes journaled at least `count` matching requests.',
  fields: {
    service: serviceName({ required: true }),
    operation: operationName(),
    status: number({ integer: true, min: 100, max: 599 }),
    count: count({ required: true, min: 1 }),
  },
  isMet: (spec, state) => state.requests(spec) >= spec.count,
  describe(spec) {
    const op = spec.operation ? ` ${spec.operation}` : '';
    const status = spec.status !== undefined ? ` ${spec.status}` : '';
    return `at least ${spec.count} ${spec.service}${op}${status} request(s)`;
  },
  describeState: (spec, state) => `${state.requests(spec)} request(s)`,
});
