/**
 * The result's `operator` section: what an operator's Prometheus would have held. Every series
 * is kept as change points only (`[atMs, value]` when the value changes; `null` while the series
 * is absent or the target did not answer), so a steady gauge over a long run costs one pair.
 */
import type { EvaluationContext } from '../expectations/evaluation-context.js';
import type { ResultOperatorView } from '../result/result-schema.js';

/** A series with more change points than this keeps its first ones and says how many it dropped. */
const MAX_POINTS_PER_SERIES = 2_000;

export function buildOperatorView(ctx: EvaluationContext): ResultOperatorView | undefined {
  const samples = ctx.ofType('probe:sampled');
  const loaded = ctx.ofType('alerts:loaded').at(-1);
  const evaluated = ctx.ofType('alerts:evaluated').at(-1)?.evaluation;
  if (samples.length === 0 && loaded === undefined) return undefined;
  const ready: [number, number | null][] = [];
  const series: Record<string, [number, number | null][]> = {};
  const last = new Map<string, number | null>();
  const keys = new Set<string>();
  for (const s of samples) for (const key of Object.keys(s.metrics)) keys.add(key);
  let truncated = 0;
  for (const s of samples) {
    const atMs = Math.round(s.atMs);
    if (ready.length === 0 || ready[ready.length - 1][1] !== s.ready) ready.push([atMs, s.ready]);
    for (const key of keys) {
      const value = key in s.metrics ? s.metrics[key] : null;
      if (last.has(key) && Object.is(last.get(key), value)) continue;
      last.set(key, value);
      series[key] ??= [];
      if (series[key].length < MAX_POINTS_PER_SERIES) series[key].push([atMs, value]);
      else truncated += 1;
    }
  }
  return {
    scrapeIntervalMs: loaded?.intervalMs ?? 1_000,
    scrapes: samples.length,
    ready,
    series,
    ...(truncated > 0 ? { truncatedPoints: truncated } : {}),
    alertRules: {
      sources: (loaded?.sources ?? []).map((s) => ({ path: s.path, origin: s.origin })),
      rules: (loaded?.rules ?? []).map((r) => ({
        source: r.source,
        group: r.group,
        kind: r.kind,
        name: r.name,
        expr: r.expr,
        forMs: r.forMs,
        metrics: r.metrics,
        labels: r.labels,
        annotations: r.annotations,
      })),
    },
    alerts: evaluated?.episodes ?? [],
    ...(evaluated
      ? {
          evaluation: {
            wallMs: evaluated.wallMs,
            lastEvaluationMs: evaluated.lastEvaluationMs,
            exposedMetrics: evaluated.exposedMetrics,
            ...(evaluated.error !== undefined ? { error: evaluated.error } : {}),
          },
        }
      : {}),
  };
}
