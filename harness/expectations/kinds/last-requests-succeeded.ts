import { count } from '../../../common/validation/index.js';
import { operationName, serviceName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { describeRequest } from '../evaluation-context.js';

/**
 * The runbook's Verification checklist: "Service requests succeeding". The last `count` requests to
 * the service (by start) were answered 2xx. Fewer requests than `count` fails: a service that was
 * never called again after recovery has not been shown to succeed.
 */
export const lastRequestsSucceeded = defineExpectationKind({
  kind: 'last_requests_succeeded',
  summary: 'The last `count` requests to a service (optionally one operation) were answered 2xx.',
  fields: { service: serviceName({ required: true }), operation: operationName(), count: count({ required: true }) },
  refine(spec, path, problems) {
    if (spec.count < 1) problems.push(`${path}.count: must be >= 1, got ${spec.count}`);
  },
  evaluate(spec, ctx) {
    const matching = ctx.requests.filter(
      (r) => r.entry.service === spec.service && (spec.operation === undefined || r.entry.operation === spec.operation),
    );
    const last = matching.slice(-spec.count);
    const failed = last.filter((r) => !(r.entry.status >= 200 && r.entry.status < 300));
    const what = `${spec.service}${spec.operation ? ` ${spec.operation}` : ''}`;
    const observed =
      last.length < spec.count
        ? `only ${last.length} ${what} request(s) in the run`
        : failed.length === 0
          ? `last ${spec.count} answered 2xx`
          : `${failed.length} of the last ${spec.count} failed`;
    return {
      name: `the last ${spec.count} ${what} request(s) succeeded`,
      passed: last.length === spec.count && failed.length === 0,
      expected: `last ${spec.count} answered 2xx`,
      observed,
      evidence: last.map(describeRequest),
    };
  },
});
