import { at, count, custom, isObject, number, string, validateFields } from '../../../common/validation/index.js';
import type { BreakerState } from '../../domain/breaker.js';
import { breakerName, breakerState, operationName, serviceName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { describeRequest, formatSeconds, type ObservedRequest } from '../evaluation-context.js';
import { stepWindow } from '../step-ref.js';
import { callStartOf, callStarts, inAnyWindow, replayWindows } from './calls.js';

const MAX_EVIDENCE = 30;
const WHILE_BREAKER_FIELDS = { breaker: breakerName({ required: true }), state: breakerState({ required: true }) };

/**
 * Counts journal requests matching service/operation/status, optionally only those that
 * started between two steps and/or while a `run` process's breaker was in a state (requests
 * made while replay-failed ran are left out of breaker-state counts), against min/max.
 *
 * For `whileBreaker`, a request is placed by its CALL: the first request with the same
 * `clientRequestId` (the id an SDK keeps across retries of one operation), or the request itself
 * when it has none. A call admitted before the breaker changed state may still be retried after
 * it (the python connector runs uploads concurrently); such a retry is not the breaker letting a
 * call through, so it is listed as in flight from before the transition and not counted.
 */
export const requestCount = defineExpectationKind({
  kind: 'request_count',
  summary:
    'Journal requests matching service/operation/status, between steps or while a breaker state, within min/max.',
  fields: {
    name: string({ required: true }),
    service: serviceName({ required: true }),
    operation: operationName(),
    status: number({ integer: true, min: 0, max: 599 }),
    betweenSteps: stepWindow(),
    whileBreaker: custom<{ readonly breaker: string; readonly state: BreakerState }>(
      '{ breaker, state }',
      (value, path, problems) => {
        if (!isObject(value)) {
          problems.push(`${path}: must be { breaker, state }`);
          return undefined;
        }
        return validateFields(value, WHILE_BREAKER_FIELDS, path, problems, undefined)
          ? (value as { breaker: string; state: BreakerState })
          : undefined;
      },
    ),
    min: count(),
    max: count(),
  },
  refine(spec, path, problems) {
    if (spec.min === undefined && spec.max === undefined) problems.push(`${path}: needs min, max or both`);
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
      problems.push(`${at(path, 'min')}: must be <= max (${spec.max}), got ${spec.min}`);
  },
  // A breaker state window is one replica's; requests are placed by the replica's labelled endpoint.
  perReplica: (spec) => spec.whileBreaker !== undefined,
  evaluate(spec, ctx) {
    const evidence: string[] = [];
    let inStepWindow = (_atMs: number): boolean => true;
    if (spec.betweenSteps) {
      const [fromName, toName] = spec.betweenSteps;
      const from = ctx.steps.get(fromName);
      const to = ctx.steps.get(toName);
      const startMs = from?.ran ? from.startedAtMs : Number.POSITIVE_INFINITY;
      const endMs = to?.startedAtMs ?? Number.POSITIVE_INFINITY;
      inStepWindow = (atMs) => atMs >= startMs && atMs < endMs;
      const fromText = from?.ran ? `@${formatSeconds(from.startedAtMs)}` : 'never ran';
      const toText = to ? `@${formatSeconds(to.startedAtMs)}` : 'end of run';
      evidence.push(`window: step "${fromName}" ${fromText} to step "${toName}" ${toText}`);
    }
    let inStateWindow = (_atMs: number): boolean => true;
    if (spec.whileBreaker) {
      const { breaker, state } = spec.whileBreaker;
      const stateWindows = ctx.intervals(breaker).filter((i) => i.state === state);
      // A replay-failed process has breakers of its own: its requests say nothing about the run's.
      const replays = replayWindows(ctx);
      inStateWindow = (atMs) => stateWindows.some((w) => ctx.isDuring(w, atMs)) && !inAnyWindow(replays, atMs);
      const windows = stateWindows.map((s) => `${formatSeconds(s.startMs)}–${formatSeconds(s.endMs)}`).join(', ');
      evidence.push(`${breaker} was ${state} ${stateWindows.length} time(s): ${windows || 'never'}`);
    }
    const callStartMs = spec.whileBreaker ? callStarts(ctx.requests) : new Map<string, number>();
    const startOfCall = (r: ObservedRequest): number => callStartOf(r, callStartMs);
    const candidates = ctx.requests.filter((r) => matches(r, spec) && inStepWindow(r.startMs));
    const matching = candidates.filter((r) => inStateWindow(startOfCall(r)));
    // Requests that fell in the state themselves but belong to a call admitted before it began.
    const inFlight = spec.whileBreaker
      ? candidates.filter((r) => !inStateWindow(startOfCall(r)) && inStateWindow(r.startMs))
      : [];
    const observed = matching.length;
    evidence.push(...matching.slice(0, MAX_EVIDENCE).map(describeRequest));
    if (matching.length > MAX_EVIDENCE) evidence.push(`… ${matching.length - MAX_EVIDENCE} more`);
    for (const r of inFlight.slice(0, MAX_EVIDENCE)) {
      const began = `call ${r.entry.clientRequestId} began @${formatSeconds(startOfCall(r))}`;
      evidence.push(`in flight from before the transition, not counted: ${describeRequest(r)} (${began})`);
    }
    if (inFlight.length > MAX_EVIDENCE)
      evidence.push(`… ${inFlight.length - MAX_EVIDENCE} more in flight from before the transition, not counted`);
    return {
      name: spec.name,
      passed: (spec.min === undefined || observed >= spec.min) && (spec.max === undefined || observed <= spec.max),
      expected: describeBounds(spec.min, spec.max),
      observed,
      evidence,
    };
  },
});

function matches(
  request: ObservedRequest,
  spec: { readonly service: string; readonly operation?: string; readonly status?: number },
): boolean {
  const e = request.entry;
  return (
    e.service === spec.service &&
    (spec.operation === undefined || e.operation === spec.operation) &&
    (spec.status === undefined || e.status === spec.status)
  );
}

export function describeBounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min}–${max}`;
  if (min !== undefined) return `≥ ${min}`;
  return `≤ ${max}`;
}
