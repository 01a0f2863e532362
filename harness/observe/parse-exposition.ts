/**
 * Prometheus text exposition format → one value per series, keyed the way PromQL writes a series
 * (`name{a="x",b="y"}`, labels sorted), so the same key is an `input_series` of a promtool rule
 * test. Parsing is parse-prometheus-text-format's (a port of the Prometheus Python client's
 * parser); this file only flattens its families back into samples: a histogram becomes its
 * `_bucket{le=…}`, `_sum` and `_count` series, a summary its quantiles, `_sum` and `_count`.
 */
import parsePrometheusTextFormat, { type ParsedFamily, type ParsedMetric } from 'parse-prometheus-text-format';

/** `name{labels}` → value. NaN and ±Inf are kept (Prometheus stores them). */
export type ExposedSamples = Record<string, number>;

/**
 * @example parseExposition('# TYPE up gauge\nup{job="a"} 1\n') // { 'up{job="a"}': 1 }
 * @note A body that is not the text format yields {} and `problem`: a scrape that fails to parse
 *   is an observation about the target, not a harness error.
 */
export function parseExposition(body: string): { samples: ExposedSamples; problem: string | null } {
  let families: ParsedFamily[];
  try {
    families = parsePrometheusTextFormat(body);
  } catch (error) {
    return { samples: {}, problem: error instanceof Error ? error.message : String(error) };
  }
  const samples: ExposedSamples = {};
  for (const family of families) for (const metric of family.metrics) flatten(family, metric, samples);
  return { samples, problem: null };
}

function flatten(family: ParsedFamily, metric: ParsedMetric, out: ExposedSamples): void {
  const labels = metric.labels ?? {};
  if (metric.value !== undefined) out[seriesKey(family.name, labels)] = Number(metric.value);
  for (const [le, value] of Object.entries(metric.buckets ?? {}))
    out[seriesKey(`${family.name}_bucket`, { ...labels, le })] = Number(value);
  for (const [quantile, value] of Object.entries(metric.quantiles ?? {}))
    out[seriesKey(family.name, { ...labels, quantile })] = Number(value);
  if (metric.sum !== undefined) out[seriesKey(`${family.name}_sum`, labels)] = Number(metric.sum);
  if (metric.count !== undefined) out[seriesKey(`${family.name}_count`, labels)] = Number(metric.count);
}

/** PromQL series notation with sorted labels and escaped values. */
export function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return name;
  const text = entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
  return `${name}{${text}}`;
}

/** The metric name of a series key. */
export function metricNameOf(key: string): string {
  const brace = key.indexOf('{');
  return brace < 0 ? key : key.slice(0, brace);
}
