/**
 * The rules over the scraped series, judged by Prometheus's own rule engine: a `promtool test
 * rules` file whose input_series are the scrapes (input-series.ts, target time) and which, at
 * every evaluation, expects `ALERTS` to be empty; each failure then says which alerts were
 * pending or firing at that moment (read-promtool-samples.ts). Those moments become episodes.
 *
 *   scrapes ─▶ input_series ─▶ test file ─▶ promtool test rules ─▶ ALERTS per evaluation
 *           ─▶ episodes
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { AlertEpisode, AlertEvaluation, AlertRule, AlertRuleSource } from '../domain/alerts.js';
import { buildInputSeries, type ScrapeSample } from './input-series.js';
import { formatPrometheusDuration } from './prometheus-duration.js';
import { resolvePromtool, runPromtool } from './promtool.js';
import { readPromtoolFailures } from './read-promtool-samples.js';

export interface EvaluateAlertsInput {
  readonly sources: readonly AlertRuleSource[];
  readonly rules: readonly AlertRule[];
  readonly samples: readonly ScrapeSample[];
  readonly intervalMs: number;
  /** Where the test file is written. */
  readonly workDir: string;
  /** Wall clock for the `wallMs` figure. */
  readonly nowMs?: () => number;
}

export async function evaluateAlerts(input: EvaluateAlertsInput): Promise<AlertEvaluation> {
  const now = input.nowMs ?? (() => performance.now());
  const started = now();
  const { input: series, slots, exposedMetrics } = buildInputSeries(input.samples, input.intervalMs);
  const base = {
    sources: input.sources,
    rules: input.rules,
    intervalMs: input.intervalMs,
    lastEvaluationMs: Math.max(0, slots - 1) * input.intervalMs,
    exposedMetrics,
  };
  if (input.sources.length === 0 || slots === 0) return { ...base, episodes: [], wallMs: 0 };
  const every = formatPrometheusDuration(input.intervalMs);
  const testFile = join(input.workDir, 'alert-rules.test.yml');
  const evalTimes = Array.from({ length: slots }, (_, i) => i * input.intervalMs);
  await writeFile(
    testFile,
    stringify({
      rule_files: input.sources.map((s) => s.ruleFile),
      evaluation_interval: every,
      tests: [
        {
          interval: every,
          input_series: series,
          promql_expr_test: evalTimes.map((ms) => ({
            expr: 'ALERTS',
            eval_time: formatPrometheusDuration(ms),
            exp_samples: [],
          })),
        },
      ],
    }),
  );
  try {
    const outcome = await runPromtool(resolvePromtool(), ['test', 'rules', testFile]);
    const wallMs = Math.round(now() - started);
    const failures = readPromtoolFailures(outcome.output);
    // Exit 1 with failures is the expected answer; anything else means promtool could not evaluate.
    if (outcome.code !== 0 && failures.length === 0)
      return {
        ...base,
        episodes: [],
        wallMs,
        error: `promtool test rules exited ${outcome.code}: ${outcome.output.trim().slice(0, 2_000)}`,
      };
    return { ...base, episodes: toEpisodes(failures, evalTimes), wallMs };
  } catch (error) {
    return { ...base, episodes: [], wallMs: Math.round(now() - started), error: String(error) };
  }
}

/** Per-evaluation ALERTS samples → one episode per contiguous stretch of one alert's label set. */
export function toEpisodes(
  got: readonly { atMs: number; samples: readonly Readonly<Record<string, string>>[] }[],
  evalTimes: readonly number[],
): AlertEpisode[] {
  const byTime = new Map(got.map((g) => [g.atMs, g.samples]));
  const open = new Map<string, { episode: Omit<AlertEpisode, 'endedAtMs'>; seen: boolean }>();
  const done: AlertEpisode[] = [];
  for (const atMs of evalTimes) {
    for (const entry of open.values()) entry.seen = false;
    for (const sample of byTime.get(atMs) ?? []) {
      const { __name__: _name, alertstate, ...labels } = sample;
      const key = JSON.stringify(Object.entries(labels).sort());
      const current = open.get(key);
      if (current === undefined) {
        open.set(key, {
          episode: {
            alertname: labels.alertname ?? '',
            labels,
            pendingAtMs: atMs,
            firingAtMs: alertstate === 'firing' ? atMs : null,
          },
          seen: true,
        });
      } else {
        current.seen = true;
        if (alertstate === 'firing' && current.episode.firingAtMs === null)
          current.episode = { ...current.episode, firingAtMs: atMs };
      }
    }
    for (const [key, entry] of open)
      if (!entry.seen) {
        done.push({ ...entry.episode, endedAtMs: atMs });
        open.delete(key);
      }
  }
  for (const entry of open.values()) done.push({ ...entry.episode, endedAtMs: null });
  return done.sort((a, b) => a.pendingAtMs - b.pendingAtMs || a.alertname.localeCompare(b.alertname));
}
