import { durationMs } from '../../../common/validation/index.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import type { EvaluationContext } from '../evaluation-context.js';
import { formatSeconds } from '../evaluation-context.js';
import { failedUploadCalls } from './failed-upload-calls.js';
import { recordTimeline } from './record-timeline.js';

const DEFAULT_WITHIN_MS = 10_000;
const SHOWN = 20;

/**
 * A history check in the manner of Jepsen: every Sentinel upload call that ended in failure (an
 * HTTP error, a reset, a call the client gave up on), and every batch the breaker rejected while
 * OPEN, must be accounted for within `withinMs` target ms: its records kept in a failed-batch file
 * (written by then, or already there and still waiting, as for a replay that keeps a file whose
 * upload failed), or delivered (a retry that succeeded). A call still undecided when the run ended
 * is listed, not counted: the target had no chance to finish it.
 */
export const failedCallsAccounted = defineExpectationKind({
  kind: 'failed_calls_accounted',
  summary: 'Every failed upload call and every batch rejected while OPEN is stored or delivered within withinMs.',
  fields: { withinMs: durationMs() },
  evaluate(spec, ctx) {
    const withinMs = spec.withinMs ?? DEFAULT_WITHIN_MS;
    const calls = failedUploadCalls(ctx);
    const kept = keptRecords(ctx);
    const violations: string[] = [];
    const unresolved: string[] = [];
    let unknownRecords = 0;
    for (const call of calls) {
      if (call.recordIds.length === 0) {
        unknownRecords += 1;
        continue;
      }
      const deadline = call.failedAtMs + withinMs;
      const missing = call.recordIds.filter((id) => !kept(id, call.startMs, deadline));
      if (missing.length === 0) continue;
      const more = missing.length > 10 ? ` … ${missing.length - 10} more` : '';
      const who = call.origin ?? 'unknown process';
      const line =
        `call ${call.callId} (${who}) ${call.outcome} @${formatSeconds(call.failedAtMs)}: ` +
        `record(s) ${missing.slice(0, 10).join(', ')}${more} neither stored nor delivered within ${withinMs} ms`;
      (deadline <= ctx.endMs ? violations : unresolved).push(line);
    }
    const rejected = unaccountedRejections(ctx, withinMs);
    const evidence = [
      `${calls.length} failed upload call(s); ${unknownRecords} without a readable body (records unknown)`,
      ...violations.slice(0, SHOWN),
      ...rejected.slice(0, SHOWN),
      ...unresolved.slice(0, 5).map((u) => `undecided at the end of the run: ${u}`),
    ];
    return {
      name: `failed upload calls accounted for within ${withinMs} ms`,
      passed: violations.length === 0 && rejected.length === 0,
      expected: 'every failed call stored or delivered',
      observed: { unaccountedCalls: violations.length, unaccountedRejections: rejected.length },
      evidence,
    };
  },
});

/**
 * Whether a record was delivered between `fromMs` and `deadlineMs`, or was waiting in a failed-batch
 * file at the deadline.
 */
function keptRecords(ctx: EvaluationContext): (id: string, fromMs: number, deadlineMs: number) => boolean {
  const files = new Map<string, { createdAtMs: number; archivedAtMs: number | null }[]>();
  for (const file of recordTimeline(ctx).files)
    for (const id of file.recordIds) {
      const list = files.get(id);
      if (list) list.push(file);
      else files.set(id, [file]);
    }
  const deliveries = new Map<string, number[]>();
  for (const d of ctx.ofType('record:ingested')) {
    if (d.recordId === null) continue;
    const list = deliveries.get(d.recordId);
    if (list) list.push(d.atMs);
    else deliveries.set(d.recordId, [d.atMs]);
  }
  return (id, fromMs, deadlineMs) =>
    (deliveries.get(id) ?? []).some((atMs) => atMs >= fromMs && atMs <= deadlineMs) ||
    (files.get(id) ?? []).some((f) => f.createdAtMs <= deadlineMs && (f.archivedAtMs ?? Infinity) > deadlineMs);
}

/** Rejections while OPEN (logged by the target) with no stored batch logged or written after them in time. */
function unaccountedRejections(ctx: EvaluationContext, withinMs: number): string[] {
  const stores = [
    ...ctx
      .ofType('batch:logged')
      .filter((b) => b.outcome === 'stored')
      .map((b) => b.atMs),
    ...ctx.ofType('batch-file:created').map((f) => f.atMs),
  ].sort((a, b) => a - b);
  const used = new Set<number>();
  const out: string[] = [];
  for (const rejection of ctx.ofType('batch:logged').filter((b) => b.outcome === 'rejected_open')) {
    const match = stores.findIndex((t, i) => !used.has(i) && t >= rejection.atMs && t <= rejection.atMs + withinMs);
    if (match >= 0) used.add(match);
    else if (rejection.atMs + withinMs <= ctx.endMs)
      out.push(`rejected while OPEN @${formatSeconds(rejection.atMs)}, never stored: ${rejection.line.split('\n')[0]}`);
  }
  return out;
}
