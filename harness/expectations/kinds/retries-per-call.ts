import { at, count, number } from '../../../common/validation/index.js';
import { operationName, serviceName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds, type ObservedRequest } from '../evaluation-context.js';

const SHOWN = 8;

/**
 * "Retried as the SDK does": every call that met `status` made between `min` and `max` requests
 * (a call is its requests grouped by `clientRequestId`, which AWS and Azure SDKs keep across
 * retries). Fewer than `min` means the error was not retried; more than `max` is a retry storm.
 * Calls without an id cannot be grouped and are listed, not judged.
 */
export const retriesPerCall = defineExpectationKind({
  kind: 'retries_per_call',
  summary: 'Every call that met `status` made between `min` and `max` requests (SDK retries of one call).',
  fields: {
    service: serviceName({ required: true }),
    operation: operationName(),
    status: number({ required: true, integer: true, min: 100, max: 599 }),
    min: count({ required: true, min: 1 }),
    max: count({ required: true, min: 1 }),
  },
  refine(spec, path, problems) {
    if (spec.min > spec.max) problems.push(`${at(path, 'min')}: must be <= max (${spec.max}), got ${spec.min}`);
  },
  evaluate(spec, ctx) {
    const byCall = new Map<string, ObservedRequest[]>();
    let unidentified = 0;
    for (const r of ctx.requests) {
      if (r.entry.service !== spec.service || (spec.operation !== undefined && r.entry.operation !== spec.operation))
        continue;
      const id = r.entry.clientRequestId;
      if (id === undefined) {
        unidentified += 1;
        continue;
      }
      const list = byCall.get(id);
      if (list) list.push(r);
      else byCall.set(id, [r]);
    }
    const met = [...byCall.values()].filter((requests) => requests.some((r) => r.entry.status === spec.status));
    const outside = met.filter((requests) => requests.length < spec.min || requests.length > spec.max);
    const what = `${spec.service}${spec.operation ? ` ${spec.operation}` : ''} ${spec.status}`;
    const evidence = [
      `${met.length} call(s) met ${spec.status}; attempts per call: ${summarize(met.map((c) => c.length))}`,
      ...outside.slice(0, SHOWN).map((c) => {
        const statuses = c.map((r) => r.entry.status || r.entry.outcome).join(', ');
        return `call @${formatSeconds(c[0].startMs)}: ${c.length} request(s) (${statuses})`;
      }),
      ...(unidentified > 0 ? [`${unidentified} request(s) carried no client request id and were not grouped`] : []),
    ];
    return {
      name: `${what} retried as the SDK does (${spec.min}–${spec.max} requests per call)`,
      passed: met.length > 0 && outside.length === 0,
      expected: `every call that met ${spec.status}: ${spec.min}–${spec.max} requests`,
      observed: met.length === 0 ? `no call met ${spec.status}` : `${outside.length} of ${met.length} call(s) outside`,
      evidence,
    };
  },
});

function summarize(counts: readonly number[]): string {
  if (counts.length === 0) return 'none';
  const tally = new Map<number, number>();
  for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
  return [...tally.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([attempts, calls]) => `${attempts}×${calls}`)
    .join(', ');
}
