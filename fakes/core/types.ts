/**
 * Shared vocabulary of every fake: services, fault rules, journal entries and ingest records.
 * Requests and service definitions live in service-definition.ts; fault effects are declared by the
 * kinds themselves (faults/registry.ts) and re-exported here.
 *
 * The flow of one request through a fake:
 *
 *   socket ─▶ head ─▶ ServiceDefinition.classify ─▶ FaultEngine.decide ─▶ read body ─▶ effect
 *                                                        │ no rule                      │
 *                                                        ▼                              ▼
 *                                           ServiceDefinition.handle           (error / latency /
 *                                                        │                      reset / hang / …)
 *                                                        ▼
 *                                                Journal.record(entry)
 */
import type { FaultEffect, FaultKind } from './faults/registry.js';
import type { ServiceName } from './service-names.js';

export type {
  ClassifiedRequest,
  FakeRequest,
  FakeRequestHead,
  FakeResponse,
  ServiceDefinition,
} from './service-definition.js';
export { SERVICE_NAMES, type ServiceName } from './service-names.js';
export type { FaultEffect, FaultKind };

// ---------------------------------------------------------------- fault rules

export interface FaultTarget {
  readonly service: ServiceName;
  /** One operation or several; omitted means every operation of the service. */
  readonly operation?: string | readonly string[];
  readonly bucket?: string;
  readonly keyPrefix?: string;
  readonly stream?: string;
  readonly secretName?: string;
}

export type HttpErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 429 | 500 | 502 | 503 | 504;

/** When a matching request is actually faulted. */
export type FaultSchedule =
  | { readonly kind: 'always' }
  | { readonly kind: 'first'; readonly count: number }
  | { readonly kind: 'every_nth'; readonly n: number }
  | { readonly kind: 'probability'; readonly p: number; readonly seed?: number }
  /** Relative to the moment the rule was added, on the fake's clock. */
  | { readonly kind: 'window'; readonly startMs: number; readonly endMs: number };

export interface FaultRuleSpec {
  /** Optional stable id; generated (`rule-1`, …) when omitted. Duplicate ids are rejected (409). */
  readonly id?: string;
  readonly description?: string;
  readonly target: FaultTarget;
  readonly effect: FaultEffect;
  /** Defaults to `{ kind: 'always' }`. */
  readonly schedule?: FaultSchedule;
}

export interface FaultRuleStatus extends FaultRuleSpec {
  readonly id: string;
  readonly addedAtMs: number;
  /** Requests whose target matched. */
  readonly matched: number;
  /** Requests the effect was applied to (after the schedule). */
  readonly applied: number;
  readonly removedAtMs?: number;
}

// ---------------------------------------------------------------- journal

export type RequestOutcome = 'responded' | 'reset' | 'hung' | 'truncated' | 'client_aborted' | 'rejected';

export interface JournalEntry {
  /** 1-based, gap-free sequence over the life of the fakes (exact even after eviction). */
  readonly seq: number;
  readonly requestId: string;
  readonly service: ServiceName;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** HTTP status written, or 0 when none was (reset, hang, abort). */
  readonly status: number;
  readonly outcome: RequestOutcome;
  readonly faultRuleId?: string;
  readonly faultKind?: FaultKind;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** Retry attempt as the client reported it (`amz-sdk-request: attempt=N`), when known. */
  readonly attempt?: number;
  /**
   * Id of the logical SDK call this request belongs to, the same on every retry of that call:
   * `x-ms-client-request-id` (Azure SDKs) or `amz-sdk-invocation-id` (AWS SDKs), when sent.
   */
  readonly clientRequestId?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly stream?: string;
  readonly secretName?: string;
  /** The client's label from its endpoint path (ClassifiedRequest.origin), when it had one. */
  readonly origin?: string;
  /** Short human note, e.g. validation failure reason for a rejected request. */
  readonly note?: string;
}

export interface JournalQuery {
  readonly service?: ServiceName;
  readonly operation?: string;
  readonly status?: number;
  readonly sinceSeq?: number;
  readonly limit?: number;
}

// ---------------------------------------------------------------- ingest store

/** One record accepted by the Logs Ingestion fake. */
export interface IngestRecord {
  readonly seq: number;
  readonly ruleId: string;
  readonly stream: string;
  readonly requestId: string;
  readonly arrivedAtMs: number;
  readonly record: Readonly<Record<string, unknown>>;
  /** The client's label from its endpoint path, when it had one. */
  readonly origin?: string;
}
