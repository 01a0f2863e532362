import { alertEvaluationOf } from '../alerts-of-run.js';
import { defineExpectationKind } from '../define-expectation-kind.js';

/** Series Prometheus itself writes: a rule on them watches something real. */
const PROMETHEUS_SERIES = new Set(['ALERTS', 'ALERTS_FOR_STATE', 'up']);

/**
 * Every metric name a rule's expression selects was exposed by the target at least once during
 * the run (or is written by a recording rule). A rule on a series that never exists can never
 * fire; each such rule is listed with the metric.
 */
export const rulesWatchRealSeries = defineExpectationKind({
  kind: 'rules_watch_real_series',
  summary: 'Every metric a rule selects was exposed by the target at least once (else the rule can never fire).',
  fields: {},
  evaluate(_spec, ctx) {
    const name = 'alert rules watch series the target exposes';
    const expected = 'every metric a rule selects exposed at least once';
    const found = alertEvaluationOf(ctx);
    if ('problem' in found) return { name, passed: false, expected, observed: found.problem, evidence: [] };
    const { evaluation } = found;
    const real = new Set([...evaluation.exposedMetrics, ...PROMETHEUS_SERIES]);
    for (const rule of evaluation.rules) if (rule.kind === 'record') real.add(rule.name);
    const blind = evaluation.rules.flatMap((rule) =>
      rule.metrics.filter((m) => !real.has(m)).map((metric) => ({ rule, metric })),
    );
    const blindRules = new Set(blind.map((b) => b.rule));
    return {
      name,
      passed: blind.length === 0 && evaluation.rules.length > 0,
      expected,
      observed:
        evaluation.rules.length === 0
          ? 'the rule files hold no rule'
          : `${blindRules.size} of ${evaluation.rules.length} rule(s) watch a series the target never exposed`,
      evidence: [
        ...blind.map(
          ({ rule, metric }) =>
            `${rule.kind} ${rule.name} (${rule.source}, group ${rule.group}) watches ${metric}: ` +
            'never exposed during the run',
        ),
        `exposed by the target (${evaluation.exposedMetrics.length}, python_*/process_* not listed): ` +
          evaluation.exposedMetrics.filter((m) => !/^(python|process)_/.test(m)).join(', '),
      ],
    };
  },
});
