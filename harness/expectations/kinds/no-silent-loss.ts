import { defineExpectationKind } from '../define-expectation-kind.js';
import { type EvaluationContext, formatSeconds } from '../evaluation-context.js';
import { failedUploadCalls } from './failed-upload-calls.js';

const SHOWN = 10;

interface Window {
  readonly ruleId: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * A batch the target could not keep on disk (its failed-batch store was broken) is either kept and
 * retried, so that by the end of the run its records were delivered or stored, or the target
 * failed loudly while the store was broken: `/ready` or `/health` not OK in a probe sample, or a
 * process exiting non-zero. A record lost with neither is lost silently, which is what fails here.
 * A lost record after a loud failure passes this check; the `ledger` expectation still counts it.
 *
 * @note The loud signals are the ones an operator's probes and supervisors see. An ERROR log line
 * alone is not one: nothing pages on it. A probe that is not OK while a breaker is not CLOSED does
 * not count either: it reports the outage (a connector may make /ready follow its breakers), not
 * the batches it could not store.
 */
export const noSilentLoss = defineExpectationKind({
  kind: 'no_silent_loss',
  summary:
    'While the failed-batch store is broken, what cannot be stored is kept and retried, or the target fails ' +
    'loudly (/ready or /health not OK, or a non-zero exit).',
  fields: {},
  evaluate(_spec, ctx) {
    const windows = storeFaultWindows(ctx);
    if (windows.length === 0)
      return {
        name: 'no batch lost silently while the store was broken',
        passed: false,
        expected: 'a store fault in the run',
        observed: 'no store fault was injected: nothing to judge',
        evidence: ['the scenario has no store_fault step that ran'],
      };
    const during = (atMs: number): boolean => windows.some((w) => atMs >= w.startMs && atMs <= w.endMs);
    const failedCalls = failedUploadCalls(ctx).filter((c) => during(c.failedAtMs));
    const rejections = ctx.ofType('batch:logged').filter((b) => b.outcome === 'rejected_open' && during(b.atMs));
    const lost = new Set(ctx.ledger.lostIds);
    const lostCount = ctx.ledger.lost;
    const loud = loudSignals(ctx, during);
    const passed = lostCount === 0 || loud.length > 0;
    const evidence = [
      ...windows.map((w) => `store fault ${w.ruleId} @${formatSeconds(w.startMs)}–${formatSeconds(w.endMs)}`),
      `${failedCalls.length} upload call(s) failed and ${rejections.length} batch(es) were rejected while OPEN ` +
        'while the store was broken',
      ...(loud.length > 0
        ? loud.slice(0, SHOWN)
        : ['no loud signal: /ready and /health OK whenever every breaker was CLOSED, no non-zero exit']),
    ];
    if (lostCount > 0) {
      const ids = [...lost].slice(0, 20).join(', ');
      evidence.push(`${lostCount} record(s) neither delivered nor stored at the end of the run: ${ids}`);
    }
    return {
      name: 'no batch lost silently while the store was broken',
      passed,
      expected: 'every record kept (delivered or stored by the end), or a loud failure while the store was broken',
      observed: {
        lost: lostCount,
        loudSignals: loud.length,
        failedCallsWhileBroken: failedCalls.length,
        rejectionsWhileBroken: rejections.length,
      },
      evidence,
    };
  },
});

/** Store faults as windows on the run clock (open ones run to the end). */
function storeFaultWindows(ctx: EvaluationContext): Window[] {
  const windows: Window[] = [];
  for (const injected of ctx.ofType('fault:injected').filter((f) => f.layer === 'store')) {
    const cleared = ctx
      .ofType('fault:cleared')
      .find((c) => c.layer === 'store' && c.ruleId === injected.ruleId && c.atMs >= injected.atMs);
    windows.push({ ruleId: injected.ruleId, startMs: injected.atMs, endMs: cleared?.atMs ?? ctx.endMs });
  }
  return windows;
}

/** /ready or /health not OK (with every breaker CLOSED), or a non-zero exit, while the store was broken. */
function loudSignals(ctx: EvaluationContext, during: (atMs: number) => boolean): string[] {
  const out: string[] = [];
  const breakerOpen = breakerNotClosed(ctx);
  for (const sample of ctx.ofType('probe:sampled')) {
    if (!during(sample.atMs) || breakerOpen(sample.atMs)) continue;
    if (sample.ready !== null && sample.ready !== 200)
      out.push(`@${formatSeconds(sample.atMs)} /ready → ${sample.ready}`);
    else if (sample.health !== null && sample.health !== 200)
      out.push(`@${formatSeconds(sample.atMs)} /health → ${sample.health}`);
  }
  for (const exit of ctx.ofType('target:exited'))
    if (during(exit.atMs) && exit.code !== null && exit.code !== 0)
      out.push(`@${formatSeconds(exit.atMs)} ${exit.command} (pid ${exit.pid}) exited ${exit.code}`);
  return out;
}

/** Whether some breaker of the run process was OPEN or HALF_OPEN at a moment (from its logged transitions). */
function breakerNotClosed(ctx: EvaluationContext): (atMs: number) => boolean {
  const windows: { startMs: number; endMs: number }[] = [];
  const since = new Map<string, number>();
  for (const t of ctx.ofType('breaker:transitioned')) {
    if (t.command !== 'run') continue;
    const startMs = since.get(t.breaker);
    if (t.to !== 'CLOSED' && startMs === undefined) since.set(t.breaker, t.atMs);
    if (t.to === 'CLOSED' && startMs !== undefined) {
      windows.push({ startMs, endMs: t.atMs });
      since.delete(t.breaker);
    }
  }
  for (const startMs of since.values()) windows.push({ startMs, endMs: ctx.endMs });
  return (atMs) => windows.some((w) => atMs >= w.startMs && atMs <= w.endMs);
}
