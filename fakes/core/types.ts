/**
 * Shared vocabulary of every fake: services, requests as the fault engine sees them,
 * fault rules, journal entries and ingest records.
 *
 * The flow of one request through a fake:
 *
 *   socket ─▶ read body ─▶ ServiceDefinition.classify ─▶ FaultEngine.match ─▶ effect
 *                                                             │ no rule          │
 *                                                             ▼                  ▼
 *                                                ServiceDefinition.handle   (error / latency /
 *                                                             │              reset / hang / …)
 *                                                             ▼
 *                                                     Journal.record(entry)
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export const SERVICE_NAMES = ['s3', 'keyvault', 'sentinel', 'identity'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** A request after its body has been read, before any route or fault ran. */
export interface FakeRequest {
  readonly requestId: string;
  readonly service: ServiceName;
  readonly method: string;
  /** Path without the query string, percent-decoded segments are NOT decoded here. */
  readonly path: string;
  /** Query with keys and values URL-decoded (JS SDKs send `api%2Dversion`). */
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly raw: IncomingMessage;
  /** Epoch ms at which the request arrived (from the fake's clock). */
  readonly startedAtMs: number;
}

/** What a service says a request is: the operation name and the attributes faults can target. */
export interface ClassifiedRequest {
  /** e.g. `ListObjectsV2`, `GetObject`, `Upload`, `GetSecret`, `GetToken`; `Unknown` if unrecognised. */
  readonly operation: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly stream?: string;
  readonly ruleId?: string;
  readonly secretName?: string;
}

export interface FakeResponse {
  readonly status: number;
  readonly headers?: Record<string, string | number | readonly string[]>;
  readonly body?: Buffer | string;
}

/**
 * One fake service: how to name its operations, how to answer them, and how its errors look.
 * The server plumbing (fakes/core) owns sockets, body reading, faults and the journal.
 */
export interface ServiceDefinition {
  readonly service: ServiceName;
  classify(request: FakeRequest): ClassifiedRequest;
  handle(request: FakeRequest, classified: ClassifiedRequest): Promise<FakeResponse> | FakeResponse;
  /** The service's own error envelope (S3 XML, Azure JSON, AAD JSON) for an injected or real error. */
  errorResponse(
    status: number,
    code: string | undefined,
    message: string,
    request: FakeRequest,
    classified: ClassifiedRequest,
  ): FakeResponse;
  /** Default error code for an injected status when the rule names none (e.g. S3 503 → `SlowDown`). */
  defaultErrorCode(status: number, classified: ClassifiedRequest): string;
  /** Reset stored state (buckets, secrets, ingested records) to empty. */
  resetState?(): void;
}

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

/** What a matching rule does to the request. Each kind is one small registered module. */
export type FaultEffect =
  | {
      readonly kind: 'http_error';
      readonly status: HttpErrorStatus;
      readonly code?: string;
      readonly message?: string;
      readonly retryAfterSeconds?: number;
      readonly retryAfterMs?: number;
    }
  | {
      readonly kind: 'latency';
      readonly latencyMs: number;
      readonly jitterMs?: number;
      readonly distribution?: 'uniform' | 'normal';
    }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'truncate_body'; readonly keepBytes?: number }
  | {
      readonly kind: 'commit_then_fail';
      readonly status?: HttpErrorStatus;
      readonly reset?: boolean;
      readonly retryAfterSeconds?: number;
    };

export type FaultKind = FaultEffect['kind'];

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
}
