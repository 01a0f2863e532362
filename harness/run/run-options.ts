import type { RunEvent } from '../observe/events.js';

/** Options of one scenario run (CONTRACTS §6). `parseRunOptions` builds them from argv. */
export interface RunOptions {
  /** `reference` (default) or `python`. */
  readonly target: string;
  /** Connector checkout for `--target python` (or CONNECTOR_DIR). */
  readonly connectorDir?: string;
  /** `--target-option k=v`, unparsed; the target validates them. Wins over the scenario's own. */
  readonly targetOptions: Record<string, string>;
  readonly shims: string[];
  /** `--replicas N`: how many `run` instances a target that runs replicas starts (default: its own count). */
  readonly replicas?: number;
  /** Target time runs this many times faster than wall time. */
  readonly timeScale: number;
  readonly seed: number;
  /** Where `<scenario>.json` is written. */
  readonly outDir: string;
  readonly verbose: boolean;
  /**
   * `--alert-rules <file|dir>`, repeatable: Prometheus rule files (or PrometheusRule manifests) to
   * evaluate over the scraped series. Absent: the target's own rules (PreparedTarget.alertRuleFiles).
   */
  readonly alertRules?: readonly string[];
  /** Target ms between scrapes of /health, /ready and /metrics (default DEFAULT_SCRAPE_INTERVAL_MS). */
  readonly scrapeIntervalMs?: number;
  /** Live progress lines (elapsed, breakers, faults, ledger); verbose adds steps and transitions. */
  readonly onProgress?: (line: string) => void;
  /**
   * Every event of the run's bus as it happens (fakes' endpoints, target pids, transitions, …):
   * the observer hook for live UIs and for tests that check nothing is left behind.
   */
  readonly onEvent?: (event: RunEvent) => void;
  /** Aborting tears the run down and yields verdict `error` ("interrupted"). */
  readonly signal?: AbortSignal;
}

export const DEFAULT_OUT_DIR = '.chaos/results';
/** Target ms between scrapes: 1 s of target time, as the issue states (Prometheus defaults to 1 m). */
export const DEFAULT_SCRAPE_INTERVAL_MS = 1_000;
