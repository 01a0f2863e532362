/**
 * The Logs Ingestion fake (the API behind Sentinel DCR ingestion), as one `ServiceDefinition`.
 *
 *   POST /dataCollectionRules/{ruleId}/streams/{stream}?api-version=…   operation `Upload`
 *     Authorization: Bearer …            missing or malformed → 401
 *     Content-Encoding: gzip | none      bad gzip / JSON / not an array → 400
 *     uncompressed JSON ≤ 1.1 MiB        else 413 (see decode-upload-body.ts for why not 1 MB)
 *   → 204, records stored in `store` with ruleId, stream, requestId and arrival time.
 *
 * @example
 *   const sentinel = createSentinelService({ clock: new SystemClock() });
 *   await startFakeServer({ definition: sentinel, engine, journal, clock, tls });
 *   sentinel.store.count(); // { total, distinct }
 */
import type { Clock } from '../core/clock.js';
import type {
  ClassifiedRequest,
  FakeRequest,
  FakeRequestHead,
  FakeResponse,
  ServiceDefinition,
} from '../core/types.js';
import { readBearerToken } from '../identity/bearer-token.js';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, type DecodedUpload, decodeUploadBody } from './decode-upload-body.js';
import { createIngestStore, type IngestStore } from './ingest-store.js';
import { sentinelErrorCode, sentinelErrorResponse } from './sentinel-errors.js';
import { createUploadAttempts, type UploadAttempts } from './upload-attempts.js';
import { matchUploadRoute, OPERATION_UPLOAD, type SentinelOperation } from './upload-route.js';

export { DEFAULT_MAX_UNCOMPRESSED_BYTES } from './decode-upload-body.js';
export type {
  IngestBatch,
  IngestCount,
  IngestFilter,
  IngestListener,
  IngestStore,
  WritableIngestStore,
} from './ingest-store.js';
export { createIngestStore, DEFAULT_INGEST_CAPACITY } from './ingest-store.js';
export type { UploadAttempt, UploadAttemptListener, UploadAttempts } from './upload-attempts.js';
export { OPERATION_UPLOAD, SENTINEL_OPERATIONS, type SentinelOperation } from './upload-route.js';

export interface SentinelServiceOptions {
  readonly clock: Clock;
  /** 413 above this many uncompressed bytes; default 1.1 MiB (SDK chunks overshoot 1 MB). */
  readonly maxUncompressedBytes?: number;
  /** Records retained in the store before the oldest are evicted (counts stay exact). */
  readonly ingestCapacity?: number;
}

/** A `ServiceDefinition` whose handler is synchronous, plus the store of accepted records. */
export interface SentinelService extends ServiceDefinition<SentinelOperation> {
  readonly store: IngestStore;
  /** Every upload with its body, however it was answered. */
  readonly attempts: UploadAttempts;
  handle(request: FakeRequest, classified: ClassifiedRequest): FakeResponse;
}

export function createSentinelService(options: SentinelServiceOptions): SentinelService {
  const maxBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const store = createIngestStore(options.ingestCapacity === undefined ? {} : { capacity: options.ingestCapacity });
  const attempts = createUploadAttempts();
  // Decoded once, in inspect(), and reused by handle() for the same request.
  const decodedBodies = new WeakMap<FakeRequest, DecodedUpload>();
  const decode = (request: FakeRequest): DecodedUpload => {
    const known = decodedBodies.get(request);
    if (known) return known;
    const contentEncoding = request.headers['content-encoding'];
    const encoding = typeof contentEncoding === 'string' ? contentEncoding : undefined;
    const decoded = decodeUploadBody(request.body, encoding, maxBytes);
    decodedBodies.set(request, decoded);
    return decoded;
  };

  return {
    service: 'sentinel',
    store,
    attempts,

    classify(request: FakeRequestHead): ClassifiedRequest<SentinelOperation> {
      const route = matchUploadRoute(request.path);
      if (!route || request.method !== 'POST') return { operation: 'Unknown' };
      const classified = { operation: OPERATION_UPLOAD, ruleId: route.ruleId, stream: route.stream } as const;
      return route.origin === undefined ? classified : { ...classified, origin: route.origin };
    },

    inspect(request: FakeRequest, classified: ClassifiedRequest): void {
      if (classified.operation !== OPERATION_UPLOAD) return;
      const decoded = decode(request);
      // @note Without a subscriber the attempt is not built: its records may not even be parsed.
      if (!attempts.listening) return;
      const clientRequestId = request.headers['x-ms-client-request-id'];
      attempts.publish({
        requestId: request.requestId,
        ...(typeof clientRequestId === 'string' ? { clientRequestId } : {}),
        ...(classified.origin !== undefined ? { origin: classified.origin } : {}),
        records: decoded.ok ? decoded.records : [],
        ...(decoded.ok ? {} : { error: decoded.message }),
      });
    },

    handle(request: FakeRequest, classified: ClassifiedRequest): FakeResponse {
      const fail = (status: number, message: string, code = sentinelErrorCode(status)): FakeResponse =>
        sentinelErrorResponse(status, code, message, request.requestId);
      const route = matchUploadRoute(request.path);
      if (!route) return fail(404, `Failed to route the request: no Logs Ingestion endpoint at ${request.path}.`);
      if (classified.operation !== OPERATION_UPLOAD)
        return fail(405, `Method ${request.method} is not allowed; use POST.`);
      if (!request.query.get('api-version')) {
        return fail(
          400,
          'The api-version query parameter (?api-version) is required for all requests.',
          'MissingApiVersionParameter',
        );
      }
      if (readBearerToken(request.headers) === undefined) {
        return fail(401, 'The request is missing a valid bearer token in the Authorization header.');
      }
      const decoded = decode(request);
      if (!decoded.ok) return fail(decoded.status, decoded.message, decoded.code);
      store.add({
        ruleId: route.ruleId,
        stream: route.stream,
        requestId: request.requestId,
        ...(route.origin !== undefined ? { origin: route.origin } : {}),
        arrivedAtMs: options.clock.now(),
        // @note A getter: the store reads the records only when it needs them (listeners, or no
        // `canonical` to fingerprint), and a body that was only scanned is parsed only then.
        get records() {
          return decoded.records;
        },
        json: decoded.json,
        ...(decoded.canonical ? { canonical: decoded.canonical } : {}),
        // @note The raw body identifies the records exactly: a gzip body can never also be a valid
        // plain JSON body (0x1f is not JSON), so equal bytes decode to equal records either way.
        source: request.body,
      });
      return { status: 204, headers: { 'x-ms-request-id': request.requestId } };
    },

    errorResponse(status: number, code: string | undefined, message: string, request: FakeRequestHead): FakeResponse {
      return sentinelErrorResponse(status, code ?? sentinelErrorCode(status), message, request.requestId);
    },

    defaultErrorCode(status: number): string {
      return sentinelErrorCode(status);
    },

    resetState(): void {
      store.clear();
    },
  };
}
