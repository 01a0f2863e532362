import { durationMs } from '../../../common/validation/index.js';
import { breakerName } from '../../domain/fields.js';
import { alertEvaluationOf, describeEpisode, namesBreaker, ruleOf, serviceOf } from '../alerts-of-run.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/**
 * The runbook's "When to Use": `Alert: "Circuit breaker OPEN for [service-name]"`. For every
 * OPEN period of `breaker` in the run process, an alert whose labels or annotations name the
 * breaker or its service is firing within `withinMs` of the OPEN (default: that alert's rule's
 * own `for` plus two scrape intervals, counted from the first scrape after the OPEN: no Prometheus
 * alerts before it scrapes), judged by promtool over the scraped series. An OPEN
 * shorter than two scrape intervals could not be scraped and is not judged.
 */
export const alertFires = defineExpectationKind({
  kind: 'alert_fires',
  summary:
    'While `breaker` is OPEN an alert naming it or its service fires within `withinMs` ' +
    '(default: its `for` + 2 scrapes).',
  fields: { breaker: breakerName({ required: true }), withinMs: durationMs() },
  evaluate(spec, ctx) {
    const name = `an alert fires while ${spec.breaker} is OPEN`;
    const expected =
      spec.withinMs !== undefined
        ? `an alert naming ${spec.breaker} firing within ${spec.withinMs} ms of each OPEN`
        : `an alert naming ${spec.breaker} firing within its rule's for + 2 scrape intervals of each OPEN`;
    const found = alertEvaluationOf(ctx);
    if ('problem' in found) return { name, passed: false, expected, observed: found.problem, evidence: [] };
    const { evaluation } = found;
    const service = serviceOf(ctx, spec.breaker);
    const minimumMs = 2 * evaluation.intervalMs;
    const opens = ctx
      .intervals(spec.breaker)
      .filter((i) => i.state === 'OPEN' && Math.min(i.endMs, evaluation.lastEvaluationMs) - i.startMs >= minimumMs);
    if (opens.length === 0)
      return {
        name,
        passed: false,
        expected,
        observed: `${spec.breaker} was never OPEN long enough to be scraped`,
        evidence: [],
      };
    const naming = evaluation.episodes.filter(
      (e) => e.firingAtMs !== null && namesBreaker(e, ruleOf(evaluation, e.alertname), spec.breaker, service),
    );
    const evidence: string[] = [];
    let missed = 0;
    // No Prometheus can alert before it scrapes: the bound counts from the first scrape of the OPEN.
    const scrapes = ctx.ofType('probe:sampled').map((s) => s.atMs);
    for (const open of opens) {
      const seenAtMs = scrapes.find((at) => at >= open.startMs) ?? open.startMs;
      const hit = naming.find((e) => {
        const boundMs = spec.withinMs ?? (ruleOf(evaluation, e.alertname)?.forMs ?? 0) + minimumMs;
        const firing = e.firingAtMs as number;
        return (
          firing <= seenAtMs + boundMs && firing <= open.endMs && (e.endedAtMs === null || e.endedAtMs > open.startMs)
        );
      });
      if (hit) {
        const delay = Math.max(0, (hit.firingAtMs as number) - open.startMs);
        evidence.push(
          `@${formatSeconds(open.startMs)} ${spec.breaker} OPEN → ${describeEpisode(hit)} (+${formatSeconds(delay)})`,
        );
      } else {
        missed += 1;
        const active = evaluation.episodes.filter(
          (e) => e.pendingAtMs <= open.endMs && (e.endedAtMs ?? Infinity) > open.startMs,
        );
        evidence.push(
          `@${formatSeconds(open.startMs)}–${formatSeconds(open.endMs)} ${spec.breaker} OPEN → no alert naming ` +
            `${spec.breaker}${service ? ` or ${service}` : ''} fired; active then: ` +
            (active.length > 0 ? active.map(describeEpisode).join('; ') : 'none'),
        );
      }
    }
    const alertRules = evaluation.rules.filter((r) => r.kind === 'alert').map((r) => r.name);
    evidence.push(`alert rules evaluated: ${alertRules.length > 0 ? alertRules.join(', ') : 'none'}`);
    return {
      name,
      passed: missed === 0,
      expected,
      observed: `${opens.length - missed} of ${opens.length} OPEN period(s) alerted`,
      evidence,
    };
  },
});
