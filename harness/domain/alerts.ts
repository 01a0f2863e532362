/**
 * The operator's view of a run: the Prometheus rules judged, and what Prometheus's own rule engine
 * (promtool) said they did over the series scraped from the target, in target time.
 */

/** One rule as loaded from a rule file (a plain one, or a PrometheusRule's spec.groups written out). */
export interface AlertRule {
  /** The file the user or the target named (a PrometheusRule manifest, or a plain rule file). */
  readonly source: string;
  readonly group: string;
  readonly kind: 'alert' | 'record';
  /** `alert:` or `record:` name. */
  readonly name: string;
  readonly expr: string;
  /** The rule's `for`, in target ms (0 when absent). */
  readonly forMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Metric names the expression selects (PromQL grammar, @prometheus-io/lezer-promql). */
  readonly metrics: readonly string[];
}

/** Where a rule file came from and what the harness handed promtool. */
export interface AlertRuleSource {
  readonly path: string;
  /** `rule file`, or `PrometheusRule <metadata.name>` (its spec.groups written out as a rule file). */
  readonly origin: string;
  /** The plain rule file given to promtool. */
  readonly ruleFile: string;
}

/** One stretch of an alert being active: pending from `pendingAtMs`, firing from `firingAtMs`. */
export interface AlertEpisode {
  readonly alertname: string;
  /** The ALERTS series' labels (the rule's labels and the selected series' labels), without alertstate. */
  readonly labels: Readonly<Record<string, string>>;
  readonly pendingAtMs: number;
  /** Null: never reached firing. */
  readonly firingAtMs: number | null;
  /** First evaluation at which it was no longer active; null: still active at the last evaluation. */
  readonly endedAtMs: number | null;
}

export interface AlertEvaluation {
  readonly sources: readonly AlertRuleSource[];
  readonly rules: readonly AlertRule[];
  /** Target ms between evaluations (= the scrape interval). */
  readonly intervalMs: number;
  /** Target ms of the last evaluation (the last scrape). */
  readonly lastEvaluationMs: number;
  readonly episodes: readonly AlertEpisode[];
  /** Every metric name the target exposed at least once (plus `up`). */
  readonly exposedMetrics: readonly string[];
  /** Wall ms promtool took. */
  readonly wallMs: number;
  /** Why the rules could not be evaluated (promtool missing or failing); absent when they were. */
  readonly error?: string;
}
