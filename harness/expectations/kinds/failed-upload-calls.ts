/**
 * The Sentinel upload calls of a run that ended in failure, rebuilt from the journal: requests
 * grouped into calls by the SDK's call id (`x-ms-client-request-id`, kept across retries), with the
 * records each call carried (from the Sentinel fake's upload attempts).
 */
import type { TargetCommand } from '../../domain/target-command.js';
import type { EvaluationContext, ObservedRequest } from '../evaluation-context.js';

export interface FailedCall {
  readonly callId: string;
  readonly origin: TargetCommand | null;
  readonly startMs: number;
  /** When the client saw it fail: the last response, or the operation timeout for a call left hanging. */
  readonly failedAtMs: number;
  readonly outcome: string;
  readonly recordIds: readonly string[];
}

const SUCCESS = (r: ObservedRequest): boolean => r.entry.status >= 200 && r.entry.status < 300;

export function failedUploadCalls(ctx: EvaluationContext): FailedCall[] {
  const uploads = ctx.requests.filter((r) => r.entry.service === 'sentinel' && r.entry.operation === 'Upload');
  const calls = new Map<string, ObservedRequest[]>();
  for (const r of uploads) {
    const id = r.entry.clientRequestId ?? r.entry.requestId;
    const list = calls.get(id);
    if (list) list.push(r);
    else calls.set(id, [r]);
  }
  const attempts = new Map(ctx.ofType('upload:attempted').map((a) => [a.requestId, a]));
  const timeoutMs = (ctx.ofType('target:prepared')[0]?.breakerConfig.operation_timeout ?? 30) * 1_000;
  const failed: FailedCall[] = [];
  for (const [callId, requests] of calls) {
    if (requests.some(SUCCESS)) continue;
    const last = requests[requests.length - 1];
    if (!last) continue;
    const answered = last.entry.outcome === 'responded' || last.entry.outcome === 'reset';
    const recordIds = new Set<string>();
    for (const r of requests) for (const id of attempts.get(r.entry.requestId)?.recordIds ?? []) recordIds.add(id);
    const first = requests[0] ?? last;
    failed.push({
      callId,
      origin: attempts.get(first.entry.requestId)?.origin ?? null,
      startMs: first.startMs,
      failedAtMs: answered ? last.endMs : Math.min(last.endMs, last.startMs + timeoutMs),
      outcome: last.entry.status > 0 ? `HTTP ${last.entry.status}` : last.entry.outcome,
      recordIds: [...recordIds],
    });
  }
  return failed;
}
