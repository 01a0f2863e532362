/**
 * A tiny service for testing the core without the real fakes: a key-value store where
 * `PUT /kv/<key>` stores the body, `GET /kv/<key>` returns it, `POST /boom` throws, and errors are
 * JSON `{ error: { code, message } }`. It is registered under the name `sentinel`.
 */
import type {
  ClassifiedRequest,
  FakeRequest,
  FakeResponse,
  ServiceDefinition,
  ServiceName,
} from '../../../../fakes/core/types.js';

export interface TinyService extends ServiceDefinition {
  readonly store: Map<string, Buffer>;
  readonly handled: { count: number };
}

export function createTinyService(service: ServiceName = 'sentinel'): TinyService {
  const store = new Map<string, Buffer>();
  const handled = { count: 0 };
  return {
    service,
    store,
    handled,
    classify(request: FakeRequest): ClassifiedRequest {
      const match = /^\/kv\/([^/]+)$/.exec(request.path);
      if (match && request.method === 'PUT')
        return {
          operation: 'PutValue',
          key: decodeURIComponent(match[1]!),
          stream: request.query.get('stream') ?? undefined,
        };
      if (match && request.method === 'GET')
        return {
          operation: 'GetValue',
          key: decodeURIComponent(match[1]!),
          stream: request.query.get('stream') ?? undefined,
        };
      if (request.path === '/boom') return { operation: 'Boom' };
      if (request.path === '/echo-query') return { operation: 'EchoQuery' };
      return { operation: 'Unknown' };
    },
    handle(request: FakeRequest, classified: ClassifiedRequest): FakeResponse {
      handled.count += 1;
      switch (classified.operation) {
        case 'PutValue':
          store.set(classified.key!, request.body);
          return { status: 201, headers: { 'content-type': 'text/plain' }, body: 'stored' };
        case 'GetValue': {
          const value = store.get(classified.key!);
          if (!value) return this.errorResponse(404, 'NotFound', `No key ${classified.key}`, request, classified);
          return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: value };
        }
        case 'EchoQuery':
          return {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(Object.fromEntries(request.query)),
          };
        case 'Boom':
          throw new Error('kaboom');
        default:
          return this.errorResponse(
            404,
            'UnknownRoute',
            `No route for ${request.method} ${request.path}`,
            request,
            classified,
          );
      }
    },
    errorResponse(status, code, message) {
      return {
        status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code, message } }),
      };
    },
    defaultErrorCode(status) {
      return status === 429
        ? 'TooManyRequests'
        : status === 503
          ? 'ServiceUnavailable'
          : status === 413
            ? 'ContentLengthLimitExceeded'
            : `Http${status}`;
    },
    resetState() {
      store.clear();
    },
  };
}
