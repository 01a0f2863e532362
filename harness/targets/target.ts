/**
 * A connector build the harness can run: the reference model (default) or the real Python
 * connector. The harness never knows which; it only uses this interface.
 *
 *   Target.prepare(ctx) ─▶ PreparedTarget.launch('run'|'ingest'|'replay-failed') ─▶ TargetProcess
 *                                 │                                                   │
 *                                 └── parseLog(line) → TargetLogEvent[]               └── stop()
 */
import type { BreakerState } from '../result/result-schema.js';

export interface TargetContext {
  /** Fresh scratch working directory for this run; the target owns everything in it. */
  readonly workDir: string;
  /** Environment block from the fakes (endpoints, identity, CA trust). */
  readonly fakesEnv: Readonly<Record<string, string>>;
  /** Endpoints of the fakes (or of toxiproxy in front of them). */
  readonly endpoints: {
    readonly s3: string;
    readonly keyVault: string;
    readonly sentinel: string;
    readonly identity: string;
  };
  readonly bucket: string;
  readonly prefix: string;
  readonly ruleId: string;
  readonly stream: string;
  readonly secretName: string;
  readonly timeScale: number;
  readonly seed: number;
  /** `--target-option k=v` values, unparsed. Each target validates its own. */
  readonly options: Readonly<Record<string, string>>;
  /** `--shim NAME` values (python target only; others reject any). */
  readonly shims: readonly string[];
  /** Poll interval of `run`, in target milliseconds. */
  readonly pollIntervalMs: number;
}

export type TargetCommand = 'run' | 'ingest' | 'replay-failed';

/** Something the target's log said. Multi-line records arrive joined with `\n`. */
export type TargetLogEvent =
  | {
      readonly kind: 'breaker_transition';
      readonly breaker: string;
      readonly from: BreakerState;
      readonly to: BreakerState;
      readonly line: string;
    }
  | { readonly kind: 'breaker_failure'; readonly breaker: string; readonly count: number; readonly line: string }
  | { readonly kind: 'breaker_rejected'; readonly breaker: string; readonly line: string }
  | { readonly kind: 'batch_stored'; readonly batchId: string; readonly line: string }
  | { readonly kind: 'batch_failed'; readonly batchId: string; readonly line: string }
  | { readonly kind: 'record_rejected'; readonly reason: string; readonly count: number; readonly line: string }
  | { readonly kind: 'error'; readonly line: string }
  | { readonly kind: 'log'; readonly level: string; readonly logger: string; readonly line: string };

export interface TargetProcess {
  readonly pid: number;
  readonly command: TargetCommand;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** Every complete log record (stderr and stdout), multi-line records joined. */
  onLogRecord(listener: (record: string, stream: 'stdout' | 'stderr') => void): () => void;
  /** SIGTERM, then SIGKILL of the whole process group after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

export interface PreparedTarget extends AsyncDisposable {
  readonly name: string;
  /** Versions for the result file: commit, version, SDK versions. */
  readonly versions: {
    readonly target: Readonly<Record<string, string>>;
    readonly sdks: Readonly<Record<string, string>>;
  };
  /** Directory where the target writes failed-batch files (top level only; `archived/` below it). */
  readonly failedBatchesDir: string;
  /** Base URL of /health, /ready, /metrics while `run` is up, or null if the target has none. */
  healthUrl(): string | null;
  /** Breaker config the scenario expectations use as defaults (from options or the runbook). */
  readonly breakerConfig: BreakerConfig;
  launch(command: TargetCommand): Promise<TargetProcess>;
  parseLog(record: string): readonly TargetLogEvent[];
  /** Whether two runs of this target may run at once on this machine (fixed ports → false). */
  readonly parallelSafe: boolean;
}

export interface Target {
  readonly name: string;
  prepare(context: TargetContext): Promise<PreparedTarget>;
}

/** Same field names as the connector's `CircuitBreakerConfig`; durations in seconds as there. */
export interface BreakerConfig {
  readonly failure_threshold: number;
  readonly recovery_timeout: number;
  readonly half_open_max_calls: number;
  readonly success_threshold: number;
  readonly min_calls_before_open: number;
  readonly operation_timeout: number;
}

export const RUNBOOK_BREAKER_DEFAULTS: BreakerConfig = {
  failure_threshold: 5,
  recovery_timeout: 60,
  half_open_max_calls: 3,
  success_threshold: 2,
  min_calls_before_open: 10,
  operation_timeout: 30,
};
