import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { describeRequest, type EvaluationContext, formatSeconds, type ObservedRequest } from './evaluation-context.js';

type RequestCountExpectation = Extract<Expectation, { kind: 'request_count' }>;
const MAX_EVIDENCE = 30;

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
export function evaluateRequestCount(expectation: RequestCountExpectation, ctx: EvaluationContext): ResultExpectation {
  const evidence: string[] = [];
  let inStepWindow = (_atMs: number): boolean => true;
  if (expectation.betweenSteps) {
    const [fromName, toName] = expectation.betweenSteps;
    const from = ctx.steps.get(fromName);
    const to = ctx.steps.get(toName);
    const startMs = from && from.ran ? from.startedAtMs : Number.POSITIVE_INFINITY;
    const endMs = to?.startedAtMs ?? Number.POSITIVE_INFINITY;
    inStepWindow = (atMs) => atMs >= startMs && atMs < endMs;
    evidence.push(
      `window: step "${fromName}" ${from?.ran ? `@${formatSeconds(from.startedAtMs)}` : 'never ran'} to step "${toName}" ${to ? `@${formatSeconds(to.startedAtMs)}` : 'end of run'}`,
    );
  }
  let inStateWindow = (_atMs: number): boolean => true;
  if (expectation.whileBreaker) {
    const { breaker, state } = expectation.whileBreaker;
    const stateWindows = ctx.intervals(breaker).filter((i) => i.state === state);
    // A replay-failed process has breakers of its own: its requests say nothing about the run's.
    const replays = replayWindows(ctx);
    inStateWindow = (atMs) =>
      stateWindows.some((w) => ctx.isDuring(w, atMs)) && !replays.some(([from, to]) => atMs >= from && atMs <= to);
    evidence.push(
      `${breaker} was ${state} ${stateWindows.length} time(s): ${stateWindows.map((s) => `${formatSeconds(s.startMs)}–${formatSeconds(s.endMs)}`).join(', ') || 'never'}`,
    );
  }
  const callStartMs = expectation.whileBreaker ? callStarts(ctx.requests) : new Map<string, number>();
  const startOfCall = (r: ObservedRequest): number =>
    r.entry.clientRequestId === undefined ? r.startMs : (callStartMs.get(r.entry.clientRequestId) ?? r.startMs);
  const candidates = ctx.requests.filter((r) => matches(r, expectation) && inStepWindow(r.startMs));
  const matching = candidates.filter((r) => inStateWindow(startOfCall(r)));
  // Requests that fell in the state themselves but belong to a call admitted before it began.
  const inFlight = expectation.whileBreaker
    ? candidates.filter((r) => !inStateWindow(startOfCall(r)) && inStateWindow(r.startMs))
    : [];
  const count = matching.length;
  const passed =
    (expectation.min === undefined || count >= expectation.min) &&
    (expectation.max === undefined || count <= expectation.max);
  evidence.push(...matching.slice(0, MAX_EVIDENCE).map(describeRequest));
  if (matching.length > MAX_EVIDENCE) evidence.push(`… ${matching.length - MAX_EVIDENCE} more`);
  evidence.push(
    ...inFlight
      .slice(0, MAX_EVIDENCE)
      .map(
        (r) =>
          `in flight from before the transition, not counted: ${describeRequest(r)} (call ${r.entry.clientRequestId} began @${formatSeconds(startOfCall(r))})`,
      ),
  );
  if (inFlight.length > MAX_EVIDENCE)
    evidence.push(`… ${inFlight.length - MAX_EVIDENCE} more in flight from before the transition, not counted`);
  return {
    name: expectation.name,
    kind: expectation.kind,
    passed,
    expected: describeBounds(expectation.min, expectation.max),
    observed: count,
    evidence,
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
}

/** Start (target ms) of the first request of every call, by `clientRequestId`. `requests` are sorted by start. */
function callStarts(requests: readonly ObservedRequest[]): Map<string, number> {
  const starts = new Map<string, number>();
  for (const r of requests) {
    const id = r.entry.clientRequestId;
    if (id === undefined) continue;
    const known = starts.get(id);
    if (known === undefined || r.startMs < known) starts.set(id, r.startMs);
  }
  return starts;
}

/** [start, end] of every replay-failed process, in target ms. */
function replayWindows(ctx: EvaluationContext): [number, number][] {
  const windows: [number, number][] = [];
  for (const launch of ctx.ofType('target:launched')) {
    if (launch.command !== 'replay-failed') continue;
    const exit = ctx.ofType('target:exited').find((e) => e.pid === launch.pid);
    windows.push([launch.atMs, exit?.atMs ?? ctx.endMs]);
  }
  return windows;
}

function matches(request: ObservedRequest, expectation: RequestCountExpectation): boolean {
  const e = request.entry;
  return (
    e.service === expectation.service &&
    (expectation.operation === undefined || e.operation === expectation.operation) &&
    (expectation.status === undefined || e.status === expectation.status)
  );
}

export function describeBounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min}–${max}`;
  if (min !== undefined) return `≥ ${min}`;
  return `≤ ${max}`;
}
