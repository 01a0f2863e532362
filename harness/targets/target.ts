/**
 * A connector build the harness can run: the reference model (default) or the real Python
 * connector. The harness never knows which; it only uses this interface.
 *
 *   Target.prepare(ctx) ─▶ PreparedTarget.launch('run'|'ingest'|'replay-failed', replica?) ─▶ TargetProcess
 *                                 │                                                             │
 *                                 └── readLogRecord(record) → level, time, events               └── stop()
 *
 * A target may run `run` as several replicas side by side (`replicas`): the harness then launches
 * one `run` per replica (numbered from 1), reads each one's health and failed-batch store, and
 * judges breakers per replica. A target with one instance leaves `replicas` out.
 */
import type { Assistance } from '../domain/assistance.js';
import type { BreakerConfig, BreakerServices, BreakerState } from '../domain/breaker.js';
import type { DeclaredSchema } from '../domain/record-schema.js';
import type { TargetCommand } from '../domain/target-command.js';

export type { Assistance } from '../domain/assistance.js';
export type { BreakerConfig, BreakerServices } from '../domain/breaker.js';
export { RUNBOOK_BREAKER_DEFAULTS } from '../domain/breaker.js';
export type { TargetCommand } from '../domain/target-command.js';

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
  /** `--shim NAME` values; a target that takes none rejects them in `describeShims`. */
  readonly shims: readonly string[];
  /** Poll interval of `run`, in target milliseconds. */
  readonly pollIntervalMs: number;
  /** `--replicas N` when the user asked for a count; a target that cannot run that many throws UsageError. */
  readonly replicas?: number;
  /** Aborted by Ctrl-C: a long preparation (an image build) stops and cleans up what it started. */
  readonly signal?: AbortSignal;
  /**
   * The breaker configuration under test: the runbook defaults, or the scenario's own (runbook
   * Step 4 Option B). A target applies it the way its users would, or declares the help it needs
   * (a shim), or throws a ChaosError saying why it cannot.
   */
  readonly breakerConfig: BreakerConfig;
  /**
   * The Logs Ingestion endpoint a process of `command` must upload to: the Sentinel endpoint with
   * the command as a label (`…/~replay-failed`), so each delivery is credited to the process that
   * made it. A target passes it the way its users configure the endpoint.
   */
  sentinelEndpointFor(command: TargetCommand, replica?: number): string;
}

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
  | {
      readonly kind: 'secret_served_from_cache';
      readonly secretName: string;
      readonly breaker: string;
      readonly line: string;
    }
  | { readonly kind: 'error'; readonly line: string }
  | { readonly kind: 'log'; readonly level: string; readonly logger: string; readonly line: string };

/** One log record as the target reads its own format: when it was logged, how loud, and what it means. */
export interface TargetLogRecord {
  /** Epoch ms of the record's timestamp on the target's clock, or null when it carries none. */
  readonly loggedAtMs: number | null;
  /** `INFO`, `ERROR`, …, or null when the record is not in the target's log format. */
  readonly level: string | null;
  /** The message without the format's prefix, or null when the record is not in the format. */
  readonly message: string | null;
  readonly events: readonly TargetLogEvent[];
}

export interface TargetProcess {
  readonly pid: number;
  readonly command: TargetCommand;
  /** The replica it runs in (or as), when the target runs several. */
  readonly replica?: number;
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
  /**
   * The failed-batch store of a replica when it is not a directory on this machine (it lives
   * inside a container): the harness reads it through this instead of `failedBatchesDir`, and
   * store faults are not available.
   */
  failedBatchStore?(replica: number): FailedBatchSource;
  /** How many `run` instances the harness starts (absent: one, with no replica number). */
  readonly replicas?: number;
  /**
   * True when a `run` that exits before it is ready, or never answers /health, is the build
   * under test failing (verdict `failed`), not the harness's set-up (verdict `error`).
   */
  readonly startFailureIsProduct?: boolean;
  /** Base URL of /health, /ready, /metrics of `run` (of `replica`) while it is up, or null if none. */
  healthUrl(replica?: number): string | null;
  /** Breaker config the target runs with (from options or the runbook). */
  readonly breakerConfig: BreakerConfig;
  /** Which breaker guards which service, as the target's own documentation names them. */
  readonly breakerServices: BreakerServices;
  /** Every help this run gives the target (shims, drivers, substitutions); empty by default. */
  readonly assistance: readonly Assistance[];
  /**
   * Working directories of the target's processes: the harness scans them for failed-batch files
   * written anywhere but `failedBatchesDir`, so the report can say where files really went.
   */
  readonly workingDirs: readonly string[];
  /**
   * The Prometheus rules the target ships: plain rule files, PrometheusRule manifests, or folders
   * of them. The run evaluates them over the scraped series unless `--alert-rules` names others.
   */
  readonly alertRuleFiles?: readonly string[];
  /** How the target says it maps a firewall record to Sentinel columns (what "intact" means). */
  readonly recordSchema: DeclaredSchema;
  launch(command: TargetCommand, replica?: number): Promise<TargetProcess>;
  readLogRecord(record: string): TargetLogRecord;
}

/** One file of a failed-batch store as read now. */
export interface FailedBatchEntry {
  readonly name: string;
  /** The file's text, or null when it cannot be read yet (half-written). */
  read(): Promise<string | null>;
}

/** A failed-batch store the harness reads through the target (watch-failed-batches.ts). */
export interface FailedBatchSource {
  /** Where the store lives, for the result file: `/app/failed_batches in container …`. */
  describe(): string;
  /**
   * The top-level `*.json` files now ([] when the store does not exist yet), or null when the
   * store cannot be read at this moment (say nothing rather than report every file gone).
   */
  list(): Promise<readonly FailedBatchEntry[] | null>;
  /**
   * Counts replacements of the store by a fresh one (a recreated container). A file known
   * before a replacement and missing after it vanished with its store; it was not archived.
   */
  generation(): number;
}

export interface Target {
  readonly name: string;
  /** Whether two runs of this target may run at once on this machine (fixed ports → false). */
  readonly parallelSafe: boolean;
  /**
   * The banner a run prints before it starts and above its verdict when shims are active (a shimmed
   * run does not test the unmodified build), or null without shims. Throws UsageError for shims
   * this target does not know.
   */
  describeShims(shims: readonly string[]): string | null;
  /**
   * Extra names (IPs or DNS names) the fakes' TLS certificate must carry because the target
   * reaches them by another address than loopback (a container through its network namespace).
   */
  readonly fakesTlsAltNames?: readonly string[];
  prepare(context: TargetContext): Promise<PreparedTarget>;
}
