import { alertEvaluationOf, describeEpisode } from '../alerts-of-run.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/**
 * The runbook's Verification checklist: "Monitoring alerts cleared". At the last evaluation (the
 * last scrape of the run) no alert is firing. One still pending is listed but does not fail it.
 */
export const alertsCleared = defineExpectationKind({
  kind: 'alerts_cleared',
  summary: 'By the end of the run no alert is firing (promtool over the scraped series).',
  fields: {},
  evaluate(_spec, ctx) {
    const name = 'monitoring alerts cleared by the end of the run';
    const expected = 'no alert firing at the last evaluation';
    const found = alertEvaluationOf(ctx);
    if ('problem' in found) return { name, passed: false, expected, observed: found.problem, evidence: [] };
    const { evaluation } = found;
    const active = evaluation.episodes.filter((e) => e.endedAtMs === null);
    const firing = active.filter((e) => e.firingAtMs !== null);
    const cleared = evaluation.episodes.filter((e) => e.endedAtMs !== null && e.firingAtMs !== null);
    // Nothing firing proves little when no rule could fire: say so beside the verdict.
    const exposed = new Set(evaluation.exposedMetrics);
    const blind = evaluation.rules.filter((r) => r.metrics.length > 0 && r.metrics.every((m) => !exposed.has(m)));
    return {
      name,
      passed: firing.length === 0,
      expected,
      observed:
        firing.length === 0
          ? `no alert firing @${formatSeconds(evaluation.lastEvaluationMs)} (${cleared.length} fired and cleared)`
          : `${firing.length} alert(s) still firing @${formatSeconds(evaluation.lastEvaluationMs)}`,
      evidence: [
        ...firing.map((e) => `still firing: ${describeEpisode(e)}`),
        ...active.filter((e) => e.firingAtMs === null).map((e) => `still pending: ${describeEpisode(e)}`),
        ...cleared.slice(0, 10).map((e) => `cleared: ${describeEpisode(e)}`),
        ...(blind.length > 0
          ? [
              `note: ${blind.length} of ${evaluation.rules.length} rule(s) watch only series never exposed, ` +
                'so could not fire',
            ]
          : []),
      ],
    };
  },
});
