/**
 * The steady-state hypothesis (chaostoolkit's term): what "working" looks like, checked before
 * the first fault and again after recovery. Here: a record that arrives in S3 is delivered to
 * Sentinel exactly once, within three poll intervals. Only fresh records count (put after the
 * target was ready): an initial backlog says how fast it drains, not whether the system is steady.
 *
 *   before: records put once the initial backlog was delivered (a cold start is not a steady state)
 *           and ≥ bound before the first fault, judged on the deliveries before that fault
 *   after:  records put once every fault is cleared, every breaker is CLOSED again, the run process
 *           is up, and what was put before that (the outage's backlog) was delivered; judged to the end.
 *           How long that backlog takes is recovery, measured by the recovery expectations; steady
 *           state is what follows it, as "before" follows the initial backlog.
 */
import type { EventOf } from '../../observe/events.js';
import type { ExpectationVerdict } from '../define-expectation-kind.js';
import { type EvaluationContext, formatSeconds } from '../evaluation-context.js';
import { defineAlwaysOnCheck } from './define-always-on-check.js';

const POLL_INTERVALS = 3;
const SHOWN = 10;

interface Window {
  readonly label: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export const steadyStateBefore = defineAlwaysOnCheck({
  kind: 'steady_state_before',
  promise: 'steady-state',
  summary: 'Before the first fault, each fresh record is delivered exactly once within three poll intervals.',
  evaluate(ctx) {
    if (ctx.ledger.seeded === 0) return null;
    const firstFault = ctx.ofType('fault:injected')[0]?.atMs ?? ctx.endMs;
    const warmMs = Math.min(backlogDeliveredAt(ctx, 0, 'first'), firstFault);
    return judge(ctx, { label: 'before the first fault', fromMs: warmMs, toMs: firstFault });
  },
});

export const steadyStateAfter = defineAlwaysOnCheck({
  kind: 'steady_state_after',
  promise: 'steady-state',
  summary: 'After recovery, each fresh record is delivered exactly once within three poll intervals.',
  evaluate(ctx) {
    if (ctx.ledger.seeded === 0 || ctx.ofType('fault:injected').length === 0) return null;
    const recoveredAt = recoveryTime(ctx);
    const name = 'steady state after recovery';
    if (typeof recoveredAt === 'string') {
      const expected = 'every fault cleared and every breaker CLOSED, then steady delivery';
      return { name, passed: false, expected, observed: recoveredAt, evidence: [] };
    }
    // Records kept in failed-batch files wait for replay-failed, an operator's step: they are not
    // part of the run process's drain.
    const waitingForReplay = new Set(
      [...ctx.ofType('batch-file:created'), ...ctx.ofType('batch-file:stray')].flatMap((f) => f.recordIds),
    );
    const fromMs = Math.max(recoveredAt, backlogDeliveredAt(ctx, recoveredAt, 'last', waitingForReplay));
    return judge(ctx, { label: 'after recovery', fromMs, toMs: ctx.endMs });
  },
});

/**
 * When the backlog (every record seeded at or before `putByMs`) was delivered once each. When part
 * of it never arrives (the ledger reports those), `ifIncomplete` picks the fallback: its `first`
 * delivery (an initial backlog too large to drain before the fault) or its `last` one (what could
 * drain, drained). Records in `excluded` are not part of the backlog. 0 without a backlog.
 */
function backlogDeliveredAt(
  ctx: EvaluationContext,
  putByMs: number,
  ifIncomplete: 'first' | 'last',
  excluded: ReadonlySet<string> = new Set(),
): number {
  const backlog = new Set(
    ctx
      .ofType('seed:put')
      .filter((s) => s.atMs <= putByMs)
      .flatMap((s) => s.records.map((r) => r.id))
      .filter((id) => !excluded.has(id)),
  );
  if (backlog.size === 0) return 0;
  let at = 0;
  let first = Number.POSITIVE_INFINITY;
  for (const e of ctx.ofType('record:ingested')) {
    if (e.recordId === null || !backlog.has(e.recordId)) continue;
    backlog.delete(e.recordId);
    at = Math.max(at, e.atMs);
    first = Math.min(first, e.atMs);
  }
  return backlog.size === 0 || ifIncomplete === 'last' ? at : first;
}

/**
 * When the last fault was cleared, every breaker that opened was CLOSED again and the run process
 * was last (re)started, or why never.
 */
function recoveryTime(ctx: EvaluationContext): number | string {
  const injected = ctx.ofType('fault:injected');
  const cleared = ctx.ofType('fault:cleared');
  const open = injected.filter((i) => !cleared.some((c) => c.ruleId === i.ruleId && c.atMs >= i.atMs));
  if (open.length > 0) return `not recovered: fault ${open.map((f) => f.ruleId).join(', ')} never cleared`;
  let at = Math.max(...cleared.map((c) => c.atMs), ...ctx.ofType('target:ready').map((r) => r.atMs));
  for (const breaker of new Set(ctx.transitions.map((t) => t.breaker))) {
    const intervals = ctx.intervals(breaker);
    const last = intervals[intervals.length - 1];
    if (last && last.state !== 'CLOSED') return `not recovered: ${breaker} ended ${last.state}`;
    if (last && intervals.length > 1) at = Math.max(at, last.startMs);
  }
  return at;
}

function judge(ctx: EvaluationContext, window: Window): ExpectationVerdict {
  const pollMs = ctx.ofType('target:prepared')[0]?.pollIntervalMs ?? 1_000;
  const boundMs = POLL_INTERVALS * pollMs;
  const deliveries = deliveriesById(ctx.ofType('record:ingested'), window.toMs);
  const fresh = ctx
    .ofType('seed:put')
    .filter((s) => s.atMs >= window.fromMs && s.atMs + boundMs <= window.toMs)
    .flatMap((s) => s.records.map((r) => ({ id: r.id, putAtMs: s.atMs })));
  const name = `steady state ${window.label}`;
  const expected = `each fresh record delivered exactly once within ${boundMs} ms`;
  if (fresh.length === 0) {
    const observed =
      `not exercised: no record arrived ${window.label} early enough to judge ` + `(window ${describe(window)})`;
    return { name, passed: false, expected, observed, evidence: [] };
  }
  const problems: string[] = [];
  const unsteady = new Set<string>();
  const report = (id: string, problem: string): void => {
    unsteady.add(id);
    problems.push(`record ${id} ${problem}`);
  };
  for (const { id, putAtMs } of fresh) {
    const times = deliveries.get(id) ?? [];
    const first = times[0];
    const put = `put @${formatSeconds(putAtMs)}`;
    if (first === undefined) report(id, `${put} not delivered ${window.label}`);
    else if (first > putAtMs + boundMs) report(id, `${put} delivered late @${formatSeconds(first)}`);
    if (times.length > 1) report(id, `delivered ${times.length} times ${window.label}`);
  }
  return {
    name,
    passed: problems.length === 0,
    expected,
    observed: `${fresh.length - unsteady.size} of ${fresh.length} fresh record(s) steady`,
    evidence: [`window ${describe(window)}, bound ${boundMs} ms`, ...problems.slice(0, SHOWN)],
  };
}

function deliveriesById(events: readonly EventOf<'record:ingested'>[], untilMs: number): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  for (const e of events) {
    if (e.recordId === null || e.atMs > untilMs) continue;
    const list = byId.get(e.recordId);
    if (list) list.push(e.atMs);
    else byId.set(e.recordId, [e.atMs]);
  }
  return byId;
}

const describe = (w: Window): string => `${formatSeconds(w.fromMs)}–${formatSeconds(w.toMs)}`;
