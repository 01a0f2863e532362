/** Builds a `FakeRequest` for unit tests that call the S3 definition without sockets. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FakeRequest } from '../../../fakes/core/types.js';

let counter = 0;

export function makeRequest(
  method: string,
  url: string,
  options: { headers?: IncomingHttpHeaders; body?: Buffer | string } = {},
): FakeRequest {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0));
  return {
    requestId: `REQ${++counter}`,
    service: 's3',
    method,
    path,
    query,
    headers: { host: '127.0.0.1:9000', ...options.headers },
    body,
    raw: { url } as IncomingMessage,
    startedAtMs: 0,
  };
}
