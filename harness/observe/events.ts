/**
 * The run's event vocabulary: `subject:verb` names, one discriminated union. Everything the
 * harness sees goes onto ONE ordered bus (event-bus.ts); the timeline, the progress line, the
 * ledger and every expectation read the same stream, so they can never disagree.
 */
import type { IngestRecord, JournalEntry } from '../../fakes/core/types.js';
import type { AlertEvaluation, AlertRule, AlertRuleSource } from '../domain/alerts.js';
import type { Assistance } from '../domain/assistance.js';
import type { BreakerConfig, BreakerServices, BreakerState } from '../domain/breaker.js';
import type { DeclaredSchema } from '../domain/record-schema.js';
import type { TargetCommand } from '../domain/target-command.js';
import type { SeededRecord } from '../seed/seed-records.js';

/** Where a fault acts: the fakes' HTTP layer, the network (Toxiproxy), or the target's failed-batch store. */
export type FaultLayer = 'http' | 'network' | 'store';

export type RunEventPayload =
  | { readonly type: 'run:started'; readonly scenario: string }
  | { readonly type: 'fakes:started'; readonly endpoints: Readonly<Record<string, string>> }
  /** Records put into S3 (before the target starts, or arriving later), with their source fields. */
  | { readonly type: 'seed:put'; readonly records: readonly SeededRecord[]; readonly keys: readonly string[] }
  /** A seeded object was removed from S3 after its first read (`s3.expireAfterFirstReadMs`). */
  | { readonly type: 'seed:expired'; readonly bucket: string; readonly key: string }
  /** The target is prepared: how it declares it maps records (the ledger judges integrity by it). */
  | {
      readonly type: 'target:prepared';
      readonly target: string;
      readonly schema: DeclaredSchema;
      /** The breaker configuration the target runs with (its operation timeout bounds hung calls). */
      readonly breakerConfig: BreakerConfig;
      /** Target ms between the run loop's cycles. */
      readonly pollIntervalMs: number;
      /** Which breaker guards which service, as the target names them. */
      readonly breakerServices?: BreakerServices;
      readonly assistance?: readonly Assistance[];
      readonly failedBatchesDir?: string;
    }
  /** The target logged what became of a batch: stored in a failed-batch file, failed, or rejected while OPEN. */
  | {
      readonly type: 'batch:logged';
      readonly command: TargetCommand;
      readonly outcome: 'stored' | 'failed' | 'rejected_open';
      readonly batchId: string | null;
      readonly line: string;
      /** Which replica, when the target runs several (domain/replica.ts). */
      readonly replica?: number;
    }
  | {
      readonly type: 'target:launched';
      readonly command: TargetCommand;
      readonly pid: number;
      /** Which replica, when the target runs several (domain/replica.ts). */
      readonly replica?: number;
    }
  /** Every replica answers /health; `healthUrl` is the first replica's. */
  | { readonly type: 'target:ready'; readonly healthUrl: string | null; readonly replicas?: number }
  | {
      readonly type: 'target:exited';
      readonly command: TargetCommand;
      readonly pid: number;
      readonly code: number | null;
      readonly signal: string | null;
      readonly expected: boolean;
      /** Which replica, when the target runs several (domain/replica.ts). */
      readonly replica?: number;
    }
  | {
      readonly type: 'log:record';
      readonly command: TargetCommand;
      readonly stream: 'stdout' | 'stderr';
      readonly record: string;
      /** Level and message as the target's own log parser reads them (null: not a formatted record). */
      readonly level: string | null;
      readonly message: string | null;
      /** Epoch ms of the record's own timestamp on the TARGET's clock, when it has one. */
      readonly loggedAtMs: number | null;
      /** Which replica, when the target runs several (domain/replica.ts). */
      readonly replica?: number;
    }
  /** `consistent` is false when `from` is not the state last seen for this breaker (`expectedFrom`). */
  | {
      readonly type: 'breaker:transitioned';
      readonly command: TargetCommand;
      readonly pid: number;
      readonly breaker: string;
      readonly from: BreakerState;
      readonly to: BreakerState;
      readonly expectedFrom: BreakerState;
      readonly consistent: boolean;
      readonly line: string;
      /** Epoch ms of the record's own timestamp (target clock), when it has one. */
      readonly loggedAtMs: number | null;
      /** Which replica, when the target runs several (domain/replica.ts). */
      readonly replica?: number;
    }
  | {
      readonly type: 'secret:served-from-cache';
      readonly secretName: string;
      readonly breaker: string;
      readonly line: string;
    }
  | { readonly type: 'record:rejected'; readonly reason: string; readonly count: number; readonly line: string }
  | {
      readonly type: 'fault:injected';
      readonly ruleId: string;
      readonly service: string;
      readonly description: string;
      readonly layer: FaultLayer;
    }
  | { readonly type: 'fault:cleared'; readonly ruleId: string; readonly layer: FaultLayer }
  | {
      readonly type: 'request:completed';
      readonly entry: JournalEntry /** Target ms since run start at which the request STARTED. */;
      readonly startedAtMs: number;
    }
  /** An upload reached Sentinel with its body, however it was answered; the seeded records it carried. */
  | {
      readonly type: 'upload:attempted';
      readonly requestId: string;
      readonly clientRequestId: string | null;
      readonly origin: TargetCommand | null;
      readonly recordIds: readonly string[];
      readonly unidentified: number;
      /** Which replica, when the target runs several (domain/replica.ts). */
      readonly replica?: number;
    }
  | {
      readonly type: 'record:ingested';
      /** The seeded record it was recognised as (records/record-identity.ts), or null. */
      readonly recordId: string | null;
      readonly ingest: IngestRecord;
      /** The target process whose upload delivered it, when known. */
      readonly origin: TargetCommand | null;
      /** Which replica, when the target runs several (domain/replica.ts). */
      readonly replica?: number;
    }
  | {
      readonly type: 'probe:sampled';
      readonly health: number | null;
      readonly ready: number | null;
      /** Every exposed sample, `name{labels}` → value (observe/parse-exposition.ts). */
      readonly metrics: Readonly<Record<string, number>>;
      /** Target ms when the sample's requests were sent (`atMs` is when the answers were all in). */
      readonly requestedAtMs?: number;
      /** /metrics answered with a body in the text format (false: no answer, an error status, or unparsable). */
      readonly scraped?: boolean;
      /** Why the body could not be parsed, when it could not. */
      readonly scrapeProblem?: string;
      readonly replica?: number;
    }
  /**
   * `writtenAtMs`: epoch ms of the file's own `timestamp` field (the TARGET clock), when readable.
   * A replica's files are named `r2/<file>`: two replicas may write files of the same name.
   */
  | {
      readonly type: 'batch-file:created';
      readonly file: string;
      readonly recordIds: readonly string[];
      readonly writtenAtMs: number | null;
      readonly replica?: number;
    }
  | { readonly type: 'batch-file:archived'; readonly file: string; readonly replica?: number }
  /**
   * A waiting file is gone because its store is: the target's process was recreated with a fresh
   * filesystem (a container restart), not because replay archived it.
   */
  | { readonly type: 'batch-file:vanished'; readonly file: string; readonly replica?: number; readonly why: string }
  /** A failed-batch file found OUTSIDE the configured directory (in a working directory of the target). */
  | { readonly type: 'batch-file:stray'; readonly path: string; readonly recordIds: readonly string[] }
  | { readonly type: 'step:started'; readonly index: number; readonly name: string; readonly action: string }
  /** `skipped`: the step's `when` trigger never held, so its action did not run. */
  | {
      readonly type: 'step:completed';
      readonly index: number;
      readonly name: string;
      readonly outcome: 'done' | 'timed_out';
      readonly skipped: boolean;
      readonly detail: string;
    }
  /** A one-shot command (replay-failed, ingest) exited; `summary` is the line it printed about its work. */
  | {
      readonly type: 'oneshot:completed';
      readonly command: TargetCommand;
      readonly pid: number;
      readonly code: number | null;
      readonly summary: string | null;
      readonly replica?: number;
    }
  /** The Prometheus rules this run judges (the target's own, or --alert-rules), checked by promtool. */
  | {
      readonly type: 'alerts:loaded';
      readonly sources: readonly AlertRuleSource[];
      readonly rules: readonly AlertRule[];
      /** Target ms between scrapes, which is also the rules' evaluation interval. */
      readonly intervalMs: number;
      /** The run's scratch directory for rule files and promtool's test file. */
      readonly workDir: string;
    }
  /** What promtool's rule engine made of the rules over the scraped series (after the run settled). */
  | { readonly type: 'alerts:evaluated'; readonly evaluation: AlertEvaluation }
  | { readonly type: 'run:ended'; readonly reason: string }
  /** A phase of the run (run/phase.ts) started, completed or failed. */
  | { readonly type: 'run:phase'; readonly phase: string; readonly state: 'started' | 'completed' | 'failed' };

export type RunEventType = RunEventPayload['type'];

/** A payload stamped by the bus. */
export type RunEvent = RunEventPayload & {
  /** Position on the bus, from 1. */
  readonly seq: number;
  /** Target ms since the run started (wall ms × time scale). */
  readonly atMs: number;
  /** Wall ms since the run started. */
  readonly wallAtMs: number;
};

export type EventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;
