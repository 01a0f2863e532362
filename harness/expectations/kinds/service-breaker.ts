import { durationMs } from '../../../common/validation/index.js';
import { serviceName } from '../../domain/fields.js';
import { breakerGuarding, SERVICE_DISPLAY_NAMES, type ServiceName } from '../../domain/services.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { describeRequest, type EvaluationContext, formatSeconds } from '../evaluation-context.js';
import { callStartOf, callStarts, inAnyWindow, replayWindows } from './calls.js';

/**
 * Per-service breaker (runbook Steps 1–3, and the target's own claim that a service is
 * breaker-protected): under a long outage of `service`, a breaker guarding it opens, rejects
 * calls while OPEN with no request reaching the service, goes HALF_OPEN after the recovery timeout,
 * and closes. The breaker is the one the target declares for the service, else one whose name
 * says so. When the service's calls failed and no such breaker ever logged a transition, the
 * verdict says plainly "no breaker observed for S3": absence is a finding, never a vacuous pass.
 */
export const serviceBreaker = defineExpectationKind({
  kind: 'service_breaker',
  summary:
    'Under an outage of `service` a breaker guarding it opens, keeps requests away while OPEN, ' +
    'goes HALF_OPEN after the recovery timeout and closes.',
  fields: {
    service: serviceName({ required: true }),
    recoveryTimeoutMs: durationMs({ required: true, positive: true }),
    /** HALF_OPEN may come this much before the timeout (the OPEN line is read a little late). */
    earlyToleranceMs: durationMs(),
    lateToleranceMs: durationMs(),
  },
  evaluate(spec, ctx) {
    const display = SERVICE_DISPLAY_NAMES[spec.service];
    const name = `a breaker guards ${display}: opens, rejects while OPEN, HALF_OPEN after the timeout, closes`;
    const breaker = findBreaker(spec.service, ctx);
    const expected = `a breaker for ${display} that opens, rejects, recovers after ${spec.recoveryTimeoutMs / 1_000} s`;
    if (breaker === null) {
      const failures = ctx.requests.filter((r) => r.entry.service === spec.service && !isSuccess(r.entry.status));
      const seen = [...new Set(ctx.transitions.map((t) => t.breaker))];
      return {
        name,
        passed: false,
        expected,
        observed: `no breaker observed for ${display}`,
        evidence: [
          failures.length > 0
            ? `${failures.length} ${display} request(s) failed, ` +
              `@${formatSeconds(failures[0].startMs)}–@${formatSeconds(failures[failures.length - 1].startMs)}`
            : `no ${display} request failed`,
          `breakers that logged transitions: ${seen.length > 0 ? seen.join(', ') : 'none'}`,
          ...failures.slice(0, 3).map(describeRequest),
        ],
      };
    }
    const problems: string[] = [];
    const evidence: string[] = [`breaker: ${breaker}`];
    const intervals = ctx.intervals(breaker);
    const firstOpen = intervals.find((i) => i.state === 'OPEN');
    if (!firstOpen) problems.push('never opened');
    else evidence.push(`OPEN @${formatSeconds(firstOpen.startMs)}: ${firstOpen.evidence}`);

    const replays = replayWindows(ctx);
    const calls = ctx.requests.filter((r) => r.entry.service === spec.service);
    const starts = callStarts(calls);
    const openWindows = intervals.filter((i) => i.state === 'OPEN');
    const leaked = calls.filter((r) => {
      const began = callStartOf(r, starts);
      return openWindows.some((w) => ctx.isDuring(w, began)) && !inAnyWindow(replays, began);
    });
    if (leaked.length > 0) {
      problems.push(`${leaked.length} request(s) reached ${display} while OPEN`);
      evidence.push(...leaked.slice(0, 5).map((r) => `while OPEN: ${describeRequest(r)}`));
    }

    const halfOpen = firstOpen && intervals.find((i) => i.state === 'HALF_OPEN' && i.startMs >= firstOpen.startMs);
    if (firstOpen && !halfOpen) problems.push('never went HALF_OPEN');
    if (firstOpen && halfOpen) {
      const openMs = halfOpen.startMs - firstOpen.startMs;
      const minMs = spec.recoveryTimeoutMs - (spec.earlyToleranceMs ?? 2_000);
      const maxMs = spec.recoveryTimeoutMs + (spec.lateToleranceMs ?? 15_000);
      evidence.push(`HALF_OPEN @${formatSeconds(halfOpen.startMs)} after ${formatSeconds(openMs)} OPEN`);
      if (openMs < minMs || openMs > maxMs)
        problems.push(
          `HALF_OPEN after ${formatSeconds(openMs)}, outside ${formatSeconds(minMs)}–${formatSeconds(maxMs)}`,
        );
    }
    const last = intervals[intervals.length - 1];
    if (firstOpen && last.state !== 'CLOSED') problems.push(`still ${last.state} at the end`);
    else if (firstOpen) evidence.push(`CLOSED @${formatSeconds(last.startMs)}: ${last.evidence}`);
    return {
      name,
      passed: problems.length === 0,
      expected,
      observed:
        problems.length === 0 ? `${breaker} opened, rejected and recovered` : `${breaker}: ${problems.join('; ')}`,
      evidence,
    };
  },
});

function isSuccess(status: number): boolean {
  return status >= 200 && status < 400;
}

/** The breaker the target declares for the service, else one named after it, that logged a transition. */
function findBreaker(service: ServiceName, ctx: EvaluationContext): string | null {
  const declared = ctx.ofType('target:prepared')[0]?.breakerServices;
  return breakerGuarding(
    service,
    declared,
    new Set(ctx.transitions.filter((t) => t.command === 'run').map((t) => t.breaker)),
  );
}
