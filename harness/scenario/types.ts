/**
 * Scenario data. A scenario is typed data, validated (validate-scenario.ts) before anything
 * starts. All times are TARGET milliseconds since the run started; the runner divides them
 * by `--time-scale` to get wall time.
 */
import type { FaultRuleSpec } from '../../fakes/core/types.js';
import type { BreakerState } from '../result/result-schema.js';

/** Network faults through Toxiproxy (issue: network faults). */
export type NetworkToxicKind =
  | 'latency'
  | 'bandwidth'
  | 'slow_close'
  | 'timeout'
  | 'reset_peer'
  | 'slicer'
  | 'limit_data'
  | 'partition';

export interface NetworkFaultSpec {
  readonly id: string;
  readonly service: 's3' | 'keyvault' | 'sentinel' | 'identity';
  readonly toxic: NetworkToxicKind;
  readonly direction?: 'upstream' | 'downstream';
  readonly toxicity?: number;
  /** Toxic attributes in Toxiproxy's own names (latency, jitter, rate, delay, timeout, bytes, average_size, …). Time attributes are target ms and are scaled. */
  readonly attributes?: Readonly<Record<string, number>>;
}

export interface SeedSpec {
  /** Number of records seeded before the target starts, one firewall record per S3 object. */
  readonly records: number;
  /** Records that arrive later: `count` more at `atMs`. */
  readonly arrivals?: readonly { readonly atMs: number; readonly records: number }[];
}

/** When a step fires: at a time, or when a condition holds (checked continuously). */
export type StepTrigger = { readonly atMs: number } | { readonly when: Condition; readonly timeoutMs: number };

export type Condition =
  | { readonly kind: 'breaker_state'; readonly breaker: string; readonly state: BreakerState }
  | { readonly kind: 'failed_batch_files_at_least'; readonly count: number }
  | { readonly kind: 'delivered_at_least'; readonly records: number }
  | { readonly kind: 'all_seeded_delivered' }
  | {
      readonly kind: 'requests_at_least';
      readonly service: string;
      readonly operation?: string;
      readonly status?: number;
      readonly count: number;
    }
  | { readonly kind: 'target_exited' };

export type StepAction =
  | { readonly kind: 'inject'; readonly fault: FaultRuleSpec & { readonly id: string } }
  | { readonly kind: 'clear'; readonly faultId: string }
  | { readonly kind: 'inject_network'; readonly fault: NetworkFaultSpec }
  | { readonly kind: 'clear_network'; readonly faultId: string }
  | { readonly kind: 'restart_target' }
  | { readonly kind: 'stop_target' }
  | { readonly kind: 'replay_failed' }
  | { readonly kind: 'wait'; readonly until: Condition; readonly timeoutMs: number }
  | { readonly kind: 'mark'; readonly label: string };

export type Step = StepTrigger & { readonly name?: string; readonly action: StepAction };

export type Expectation =
  | {
      readonly kind: 'breaker_sequence';
      readonly breaker: string;
      readonly sequence: readonly BreakerState[];
      readonly match: 'exact' | 'subsequence';
      readonly promise?: string;
    }
  /** From the step named `fromStep` (usually the clear) to the breaker reaching CLOSED. Bound in target ms. */
  | {
      readonly kind: 'recovery_time';
      readonly breaker: string;
      readonly fromStep: string;
      readonly maxMs: number;
      readonly minMs?: number;
      readonly promise?: string;
    }
  /** Each OPEN → HALF_OPEN of `breaker` came after minMs..maxMs target ms in OPEN (the recovery timeout). */
  | {
      readonly kind: 'open_duration';
      readonly breaker: string;
      readonly minMs: number;
      readonly maxMs: number;
      readonly promise?: string;
    }
  /** Count of journal requests between two steps (or whole run) within bounds. */
  | {
      readonly kind: 'request_count';
      readonly name: string;
      readonly service: string;
      readonly operation?: string;
      readonly status?: number;
      readonly betweenSteps?: readonly [string, string];
      readonly whileBreaker?: { readonly breaker: string; readonly state: BreakerState };
      readonly min?: number;
      readonly max?: number;
      readonly promise?: string;
    }
  /** Consecutive requests to one service/operation carrying the given status are spaced ≥ minGapMs (target ms). */
  | {
      readonly kind: 'retry_spacing';
      readonly service: string;
      readonly operation?: string;
      readonly status: number;
      readonly minGapMs: number;
      readonly promise?: string;
    }
  /** After the run: lost must be 0 (and optionally duplicates ≤ maxDuplicates). */
  /**
   * After the run: lost ≤ maxLost, optionally duplicates ≤ maxDuplicates, and optionally
   * undelivered ≤ maxUndelivered (seeded records that never reached Sentinel, including those still
   * waiting in failed-batch files). A replay promise needs maxUndelivered 0: "kept in a file" is not
   * lost, but it is not replayed either.
   */
  | {
      readonly kind: 'ledger';
      readonly maxLost: number;
      readonly maxDuplicates?: number;
      readonly maxUndelivered?: number;
      readonly promise?: string;
    }
  /** Failed-batch files existed at some point (the outage was persisted, not dropped). */
  | { readonly kind: 'failed_batches_written'; readonly min: number; readonly promise?: string }
  /** The target's /ready or health stayed answering (no crash) during the run. */
  | { readonly kind: 'target_alive'; readonly promise?: string }
  /** A secret value was served while the named breaker was OPEN (from cache). */
  | { readonly kind: 'secret_served_from_cache'; readonly breaker: string; readonly promise?: string };

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The runbook row this scenario checks, quoted or cited. */
  readonly runbookRow: string;
  readonly seed: SeedSpec;
  /** Total scenario budget in target ms; the run is an error if it is exceeded. */
  readonly deadlineMs: number;
  readonly steps: readonly Step[];
  readonly expectations: readonly Expectation[];
  /** Services to put behind Toxiproxy (only when network faults are used). */
  readonly networkServices?: readonly ('s3' | 'keyvault' | 'sentinel' | 'identity')[];
  /** Target options this scenario needs (e.g. aws batch size); users' --target-option wins. */
  readonly targetOptions?: Readonly<Record<string, string>>;
  /** Poll interval for the target's `run` loop, target ms (default 1_000). */
  readonly pollIntervalMs?: number;
}
