/**
 * The result file `<out>/<scenario>.json` (schemaVersion 1). Report writers, the gate and
 * users' own tooling read it, so every field here is part of the public contract: add
 * fields freely, never rename or remove one without bumping `schemaVersion`.
 * Times: `atMs` fields are target milliseconds since the run started (already multiplied
 * by the time scale); `wallAtMs` fields are real milliseconds since the run started.
 */
import type { AlertEpisode, AlertRule } from '../domain/alerts.js';
import type { Assistance } from '../domain/assistance.js';
import type { BreakerConfig, BreakerState } from '../domain/breaker.js';
import type { TargetCommand } from '../domain/target-command.js';

export type { BreakerState } from '../domain/breaker.js';
/**
 * `not_applicable`: the run did not start because the target cannot do what the scenario asks
 * without help it was not given (e.g. a breaker configuration the product takes only in code).
 * Its promises count as not exercised; `error` says which help would exercise them.
 */
export type Verdict = 'passed' | 'failed' | 'error' | 'not_applicable';

export interface ResultTransition {
  readonly breaker: string;
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly atMs: number;
  /** The raw log line(s) that announced it. */
  readonly evidence: string;
  /** False when `from` was not the state the harness had last seen for this breaker. */
  readonly consistent: boolean;
  /**
   * Which target process logged it (`run`, or `replay-failed`, whose breakers are its own).
   * Added by the scenario engine.
   */
  readonly command?: TargetCommand;
  /** The replica whose process logged it, when the target ran several (`r<n>` lanes in reports). */
  readonly replica?: number;
}

export interface ResultExpectation {
  readonly name: string;
  /** Expectation kind: `breaker_sequence`, `recovery_time`, `requests`, `ledger`, `no_impossible_transitions`, … */
  readonly kind: string;
  readonly passed: boolean;
  readonly expected: unknown;
  readonly observed: unknown;
  /** Human-readable lines (log lines, journal entries, events) that decided it. */
  readonly evidence: readonly string[];
  /** Runbook promise id this expectation checks, when it maps to one (see scenarios/promises.ts). */
  readonly promise?: string;
}

export interface ResultLedger {
  readonly seeded: number;
  /** Distinct seeded records that reached the ingest store at least once. */
  readonly delivered: number;
  /** Extra deliveries beyond the first, summed over records. */
  readonly duplicates: number;
  /** Seeded records present in a failed-batch file that is still waiting (not archived). */
  readonly inFailedBatches: number;
  /** Seeded records delivered by a replay-failed step. */
  readonly replayed: number;
  /** Seeded records neither delivered nor stored in a failed-batch file. */
  readonly lost: number;
  /** Record ids of lost records (capped at 50). */
  readonly lostIds: readonly string[];
  /** Records the target reported as rejected with a reason (e.g. malformed), if any. */
  readonly rejected: number;
  /** How each delivered record arrived, judged against the target's declared schema (absent in older files). */
  readonly integrity?: ResultIntegrity;
}

/**
 * Record integrity (ledger/classify-records.ts). Every seeded record has exactly one status:
 * `intact + altered + missingFields + stored + lost = seeded`; `duplicated` and `reRead` are
 * counted beside it (a record can be intact and duplicated).
 */
export interface ResultIntegrity {
  /** Where "intact" is defined: the target's declared schema and mapping. */
  readonly schema: string;
  readonly intact: number;
  /** Delivered with a declared column changed beyond its declared coercion, or with an undeclared column. */
  readonly altered: number;
  /** Delivered without a declared column whose source value existed. */
  readonly missingFields: number;
  /** Seeded records delivered more than once. */
  readonly duplicated: number;
  /** Stored in a failed batch, then delivered by the run process reading the source again (not by replay). */
  readonly reRead: number;
  /** Only in failed-batch files. */
  readonly stored: number;
  readonly lost: number;
  /** Deliveries that matched no seeded record. */
  readonly unidentified: number;
  /** Deliveries by the process that made the upload (`run`, `replay-failed`, `ingest`, `unknown`). */
  readonly deliveriesByOrigin: Readonly<Record<string, number>>;
  /** The first altered records, with their field diffs. */
  readonly alteredSamples: readonly { readonly id: string; readonly diffs: readonly string[] }[];
  /** The first records with missing columns. */
  readonly missingSamples: readonly { readonly id: string; readonly columns: readonly string[] }[];
}

export interface ResultFaultWindow {
  readonly ruleId: string;
  readonly service: string;
  readonly description: string;
  /** `http` (fake fault engine), `network` (toxiproxy) or `store` (the target's failed-batch directory). */
  readonly layer: 'http' | 'network' | 'store';
  readonly startMs: number;
  readonly endMs: number | null;
}

export interface ResultRequestPoint {
  readonly atMs: number;
  readonly service: string;
  readonly operation: string;
  readonly status: number;
  readonly outcome: string;
  readonly faulted: boolean;
}

export interface ResultSample {
  readonly atMs: number;
  readonly failedBatchFiles: number;
  readonly deliveredRecords: number;
  readonly breakerStates: Readonly<Record<string, BreakerState>>;
}

/** One timeline step as it ran. A step whose trigger or wait did not hold in time is `timed_out`. */
export interface ResultStep {
  readonly index: number;
  readonly name: string;
  readonly action: string;
  readonly startedAtMs: number;
  readonly completedAtMs: number | null;
  readonly outcome: 'done' | 'timed_out' | 'not_reached';
  readonly detail: string;
}

export interface ScenarioResultFile {
  readonly schemaVersion: 1;
  readonly scenario: string;
  readonly title: string;
  readonly runbookRow: string;
  readonly target: string;
  readonly verdict: Verdict;
  /** Present when verdict is `error`: what broke in the harness or infrastructure. */
  readonly error?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly timeScale: number;
  /** Achieved scale as measured (target clock advance / wall clock advance), when measurable. */
  readonly measuredTimeScale?: number;
  readonly seed: number;
  readonly shims: readonly string[];
  /** How many `run` replicas the target ran side by side; absent for a target that runs one. */
  readonly replicas?: number;
  /**
   * Every help the run gave the target (shims, drivers, substitutions), as the target declared it.
   * A promise verified only in runs with help is "verified with help" (absent in older files).
   */
  readonly assistance?: readonly Assistance[];
  /** Promise ids the scenario's expectations cite, whether or not they were evaluated. */
  readonly promises?: readonly string[];
  /** Which breaker guards which service, as the target names them. */
  readonly breakerServices?: Readonly<Record<string, string>>;
  /** The scenario's tags (absent in older files). */
  readonly tags?: readonly string[];
  /** The breaker configuration under test: the runbook defaults or the scenario's own. */
  readonly breakerConfig?: BreakerConfig;
  /** The target's distinct ERROR messages, most frequent first (findings group failures by them). */
  readonly targetErrors?: readonly ResultTargetError[];
  readonly targetOptions: Readonly<Record<string, string>>;
  readonly versions: {
    readonly harness: string;
    readonly target: Readonly<Record<string, string>>;
    readonly sdks: Readonly<Record<string, string>>;
  };
  readonly expectations: readonly ResultExpectation[];
  readonly transitions: readonly ResultTransition[];
  readonly ledger: ResultLedger;
  readonly faults: readonly ResultFaultWindow[];
  readonly requestCounts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly requests: readonly ResultRequestPoint[];
  readonly samples: readonly ResultSample[];
  /** Timeline steps as they ran (added by the scenario engine; optional for older files). */
  readonly steps?: readonly ResultStep[];
  /**
   * Log excerpts (target stderr/stdout) kept for the evidence appendix: the first 60 and the
   * last 150 records, with an omission marker between.
   */
  readonly logExcerpt: readonly string[];
  readonly machine: { readonly platform: string; readonly cpus: number; readonly node: string };
  /**
   * File names (next to this file) of the run's full evidence; absent in older files or when
   * they could not be written.
   */
  readonly artifacts?: ResultArtifacts;
  /**
   * The operator's view: readiness and every scraped series as change points, the alert rules
   * judged and the alerts promtool's rule engine raised over them (absent in older files).
   */
  readonly operator?: ResultOperatorView;
}

/** `[target ms, value]` at each change; `null`: absent from the scrape, or no answer. */
export type ResultPoint = readonly [number, number | null];

export interface ResultOperatorView {
  /** Target ms between scrapes (also the rules' evaluation interval). */
  readonly scrapeIntervalMs: number;
  readonly scrapes: number;
  /** /ready status at each change (null: no answer). */
  readonly ready: readonly ResultPoint[];
  /** Series key (`name{label="v"}`, labels sorted) → change points. */
  readonly series: Readonly<Record<string, readonly ResultPoint[]>>;
  /** Change points dropped past 2 000 per series, when any were. */
  readonly truncatedPoints?: number;
  readonly alertRules: {
    readonly sources: readonly { readonly path: string; readonly origin: string }[];
    readonly rules: readonly Omit<AlertRule, never>[];
  };
  /** Alert episodes (pending from, firing from, ended at), as promtool evaluated them. */
  readonly alerts: readonly AlertEpisode[];
  readonly evaluation?: {
    /** Wall ms promtool took. */
    readonly wallMs: number;
    readonly lastEvaluationMs: number;
    readonly exposedMetrics: readonly string[];
    readonly error?: string;
  };
}

/** One distinct error the target logged: its message with numbers and ids masked, and how often. */
export interface ResultTargetError {
  /** The message with digits, hex ids and quoted values masked, so repetitions group. */
  readonly signature: string;
  /** The first record's first line, as logged. */
  readonly firstLine: string;
  readonly firstAtMs: number;
  readonly count: number;
}

/** The run's full evidence, written as it arrived (RESULT-FILE.md, "Artifacts"). */
export interface ResultArtifacts {
  /** Every target log record of every process, `[run]`/`[replay-failed]`-prefixed, in arrival order. */
  readonly targetLog: string;
  /** Every journal entry of the fakes, one JSON object a line, with `targetMs`. */
  readonly journal: string;
}
