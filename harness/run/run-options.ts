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
