import { count } from '../../../common/validation/index.js';
import { breakerName, operationName, serviceName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { type EvaluationContext, formatSeconds, type ObservedRequest } from '../evaluation-context.js';

/**
 * `failure_threshold` as the service saw it: the calls that failed in a row right before the
 * breaker first opened are at least `min` (a breaker opening after fewer ignores its
 * configuration). A call is its requests grouped by `clientRequestId` (an SDK's retries of one
 * operation count once); it failed when none of its requests was answered 2xx.
 */
export const failuresBeforeOpen = defineExpectationKind({
  kind: 'failures_before_open',
  summary: 'The calls that failed in a row right before the breaker first opened are at least `min`.',
  fields: {
    breaker: breakerName({ required: true }),
    service: serviceName({ required: true }),
    operation: operationName(),
    min: count({ required: true, min: 1 }),
  },
  evaluate(spec, ctx) {
    const name = `${spec.breaker} opens only after ${spec.min} consecutive failed call(s)`;
    const open = ctx.transitions.find((t) => t.breaker === spec.breaker && t.command === 'run' && t.to === 'OPEN');
    if (!open) return { name, passed: false, expected: `≥ ${spec.min}`, observed: 'never opened', evidence: [] };
    const calls = callsBefore(ctx, spec, open.atMs);
    let streak = 0;
    for (let i = calls.length - 1; i >= 0 && !calls[i].succeeded; i--) streak += 1;
    const tail = calls.slice(-Math.max(streak, 1) - 1);
    return {
      name,
      passed: streak >= spec.min,
      expected: `≥ ${spec.min} consecutive failed calls`,
      observed: `${streak} consecutive failed call(s) before OPEN @${formatSeconds(open.atMs)}`,
      evidence: [
        open.evidence,
        ...tail.map((c) => `call @${formatSeconds(c.startMs)}: ${c.attempts} request(s), ${c.outcome}`),
      ],
    };
  },
});

interface Call {
  readonly startMs: number;
  readonly attempts: number;
  readonly succeeded: boolean;
  readonly outcome: string;
}

function callsBefore(
  ctx: EvaluationContext,
  spec: { readonly service: string; readonly operation?: string },
  untilMs: number,
): Call[] {
  const byCall = new Map<string, ObservedRequest[]>();
  for (const r of ctx.requests) {
    if (r.entry.service !== spec.service || (spec.operation !== undefined && r.entry.operation !== spec.operation))
      continue;
    const key = r.entry.clientRequestId ?? `#${r.entry.seq}`;
    const list = byCall.get(key);
    if (list) list.push(r);
    else byCall.set(key, [r]);
  }
  return [...byCall.values()]
    .map((requests) => {
      const ok = requests.some((r) => r.entry.status >= 200 && r.entry.status < 300);
      const last = requests[requests.length - 1];
      return {
        startMs: requests[0].startMs,
        attempts: requests.length,
        succeeded: ok,
        outcome: ok ? 'succeeded' : `failed (${last.entry.status || last.entry.outcome})`,
      };
    })
    .filter((c) => c.startMs <= untilMs + ctx.resolutionMs)
    .sort((a, b) => a.startMs - b.startMs);
}
