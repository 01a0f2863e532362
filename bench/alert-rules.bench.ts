/**
 * What alert-rule evaluation adds to a scenario: loading the rule files (`promtool check rules`)
 * and evaluating them with `promtool test rules` over a run's scrapes (alerts/evaluate-alerts.ts),
 * wall time. Target: ≤ 10 s per scenario at ×10.
 *
 * Input: the longest Sentinel breaker scenario's shape at ×10 and one scrape per target second,
 * 600 scrapes (10 target minutes, longer than any gate scenario) of 60 series shaped like the real
 * connector's /metrics (s3_sentinel_* gauges and counters, python_* and process_* series that
 * change every scrape, a breaker-state gauge going CLOSED → OPEN → CLOSED).
 * Rules: the connector's own (plain files and PrometheusRule manifests) when CONNECTOR_DIR names a
 * checkout, else the reference target's rule file. Baseline in the same run: one bare
 * `promtool --version` (the process start every evaluation pays).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateAlerts } from '../harness/alerts/evaluate-alerts.js';
import type { ScrapeSample } from '../harness/alerts/input-series.js';
import { loadAlertRules } from '../harness/alerts/load-alert-rules.js';
import { resolvePromtool, runPromtool } from '../harness/alerts/promtool.js';
import { REFERENCE_ALERT_RULES_PATH } from '../harness/targets/reference/shipped-alert-rules.js';
import type { BenchResult } from './bench-result.js';

const SCRAPES = 600;
const INTERVAL_MS = 1_000;
const ROUNDS = 3;
const TARGET_MS = 10_000;

function scrapes(): ScrapeSample[] {
  return Array.from({ length: SCRAPES }, (_, i) => {
    const metrics: Record<string, number> = {
      s3_sentinel_pipeline_cycles_total: i,
      s3_sentinel_processed_files_total: i * 2,
      s3_sentinel_failed_files_total: Math.floor(i / 50),
      s3_sentinel_ready: i > 2 ? 1 : 0,
      s3_sentinel_failed_batch_files: i > 40 && i < 200 ? i - 40 : 0,
      s3_sentinel_failed_batch_oldest_age_seconds: i > 40 && i < 200 ? i - 40 : 0,
      's3_sentinel_circuit_breaker_state{breaker="azure-sentinel"}': i >= 45 && i < 105 ? 1 : 0,
      process_cpu_seconds_total: i * 0.07,
      process_resident_memory_bytes: 60_000_000 + (i % 17) * 4096,
    };
    for (let k = 0; k < 51; k += 1) metrics[`python_gc_objects_collected_total{generation="${k}"}`] = i * k;
    return { atMs: i * INTERVAL_MS + (i % 3) * 7, scraped: true, metrics };
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run(): Promise<BenchResult> {
  const title = 'Alert rules: promtool check + test rules over one run of scrapes';
  let promtool: string;
  try {
    promtool = resolvePromtool();
  } catch (error) {
    return { title, rows: [], skipped: (error as Error).message };
  }
  const connector = process.env.CONNECTOR_DIR;
  const rulePaths = connector ? [connector] : [REFERENCE_ALERT_RULES_PATH];
  const samples = scrapes();
  const load: number[] = [];
  const evaluate: number[] = [];
  const bare: number[] = [];
  let rules = 0;
  let episodes = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const dir = await mkdtemp(join(tmpdir(), 'chaos-bench-rules-'));
    try {
      let t = performance.now();
      await runPromtool(promtool, ['--version']);
      bare.push(performance.now() - t);
      t = performance.now();
      const loaded = await loadAlertRules(rulePaths, dir);
      load.push(performance.now() - t);
      const evaluation = await evaluateAlerts({ ...loaded, samples, intervalMs: INTERVAL_MS, workDir: dir });
      if (evaluation.error) throw new Error(evaluation.error);
      evaluate.push(evaluation.wallMs);
      rules = loaded.rules.length;
      episodes = evaluation.episodes.length;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const total = median(load.map((l, i) => l + evaluate[i]));
  const source = connector ? `connector checkout ${connector}` : 'reference alert-rules.yml';
  return {
    title,
    rows: [
      { name: `load + check ${rules} rule(s) (${source})`, p50Ms: median(load) },
      { name: `promtool test rules: ${SCRAPES} scrapes × 60 series, ${SCRAPES} evaluations`, p50Ms: median(evaluate) },
      { name: 'baseline: promtool --version (process start)', p50Ms: median(bare) },
    ],
    summary: [
      `per scenario: ${(total / 1_000).toFixed(2)} s wall (median of ${ROUNDS}); target ≤ ${TARGET_MS / 1_000} s: ` +
        (total <= TARGET_MS ? 'met' : 'NOT met'),
      `${episodes} alert episode(s) found over the synthetic run`,
    ],
  };
}
