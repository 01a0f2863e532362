/**
 * What a fake service is to the server plumbing: requests as it sees them, how it names their
 * operations, how it answers them and how its errors look.
 *
 *   socket ─▶ FakeRequestHead ─▶ classify ─▶ FaultEngine.decide ─▶ (read body) ─▶ handle ─▶ FakeResponse
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ServiceName } from './service-names.js';

/** A request as soon as its head arrived, before any of its body was read. */
export interface FakeRequestHead {
  readonly requestId: string;
  readonly service: ServiceName;
  readonly method: string;
  /** Path without the query string; percent-encoded segments are NOT decoded here. */
  readonly path: string;
  /** Query with keys and values URL-decoded (JS SDKs send `api%2Dversion`). */
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly raw: IncomingMessage;
  /** Epoch ms at which the request arrived (from the fake's clock). */
  readonly startedAtMs: number;
}

/** A request after its body has been read, before any route ran. */
export interface FakeRequest extends FakeRequestHead {
  readonly body: Buffer;
}

/** What a service says a request is: the operation name and the attributes faults can target. */
export interface ClassifiedRequest<Operation extends string = string> {
  /** e.g. `ListObjectsV2`, `GetObject`, `Upload`, `GetSecret`, `GetToken`; `Unknown` if unrecognised. */
  readonly operation: Operation;
  readonly bucket?: string;
  readonly key?: string;
  readonly stream?: string;
  readonly ruleId?: string;
  readonly secretName?: string;
  /** The client's own label, when its endpoint carried one (Sentinel: `/~<label>/dataCollectionRules/…`). */
  readonly origin?: string;
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
export interface ServiceDefinition<Operation extends string = string> {
  readonly service: ServiceName;
  /** Names the operation from the request head alone: faults are decided before the body is read. */
  classify(request: FakeRequestHead): ClassifiedRequest<Operation>;
  handle(request: FakeRequest, classified: ClassifiedRequest<Operation>): Promise<FakeResponse> | FakeResponse;
  /** The service's own error envelope (S3 XML, Azure JSON, AAD JSON) for an injected or real error. */
  errorResponse(
    status: number,
    code: string | undefined,
    message: string,
    request: FakeRequestHead,
    classified: ClassifiedRequest<Operation>,
  ): FakeResponse;
  /** Default error code for an injected status when the rule names none (e.g. S3 503 → `SlowDown`). */
  defaultErrorCode(status: number, classified: ClassifiedRequest<Operation>): string;
  /**
   * Sees every request whose body arrived complete, before any fault acts on it, so a service can
   * say what a request carried even when it is answered with an injected error (Sentinel: the
   * records of every upload attempt).
   */
  inspect?(request: FakeRequest, classified: ClassifiedRequest<Operation>): void;
  /** Reset stored state (buckets, secrets, ingested records) to empty. */
  resetState?(): void;
}
