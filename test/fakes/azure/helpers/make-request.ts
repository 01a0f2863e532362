/** Builds a `FakeRequest` for calling a ServiceDefinition's classify/handle without sockets. */
import { type IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { FakeRequest, ServiceName } from '../../../../fakes/core/types.js';

let nextId = 1;

export function makeRequest(
  service: ServiceName,
  method: string,
  target: string,
  options: { headers?: IncomingHttpHeaders; body?: Buffer | string; tls?: boolean; startedAtMs?: number } = {},
): FakeRequest {
  const q = target.indexOf('?');
  const path = q >= 0 ? target.slice(0, q) : target;
  const query = new URLSearchParams(q >= 0 ? target.slice(q + 1) : '');
  const raw = new IncomingMessage((options.tls ?? true) ? new TLSSocket(new Socket()) : new Socket());
  return {
    requestId: `req-${nextId++}`,
    service,
    method,
    path,
    query,
    headers: { host: '127.0.0.1:8443', ...options.headers },
    body: typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0)),
    raw,
    startedAtMs: options.startedAtMs ?? 1_700_000_000_000,
  };
}

export function jsonBody(response: { body?: Buffer | string }): unknown {
  return JSON.parse(String(response.body ?? ''));
}
