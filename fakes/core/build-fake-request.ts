/** Turns a Node request into the `FakeRequestHead` classification and head-stage faults see. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FakeRequest, FakeRequestHead } from './service-definition.js';
import type { ServiceName } from './service-names.js';

export function buildFakeRequestHead(service: ServiceName, req: IncomingMessage, startedAtMs: number): FakeRequestHead {
  const { path, query } = splitTarget(req.url ?? '/');
  return {
    requestId: randomUUID(),
    service,
    method: req.method ?? 'GET',
    path,
    // @note URLSearchParams percent-decodes keys too: the JS SDKs send `api%2Dversion`.
    query: new URLSearchParams(query),
    headers: req.headers,
    raw: req,
    startedAtMs,
  };
}

/** The request a service handles: its head plus the body read so far. */
export function withBody(head: FakeRequestHead, body: Buffer): FakeRequest {
  // @note Field by field rather than `{ ...head, body }`: the same object, without a spread per request.
  return {
    requestId: head.requestId,
    service: head.service,
    method: head.method,
    path: head.path,
    query: head.query,
    headers: head.headers,
    raw: head.raw,
    startedAtMs: head.startedAtMs,
    body,
  };
}

/** Splits a request target (origin-form or absolute-form) into path and raw query. */
export function splitTarget(target: string): { path: string; query: string } {
  let rest = target;
  const scheme = /^https?:\/\/[^/?#]*/i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return q >= 0 ? { path: rest.slice(0, q) || '/', query: rest.slice(q + 1) } : { path: rest || '/', query: '' };
}

/** The retry attempt an AWS SDK reports in `amz-sdk-request: attempt=N; max=M`. */
export function parseAttempt(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : /attempt=(\d+)/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** Longest call id kept: real ids are UUIDs (36 chars); a hostile client must not bloat the journal. */
const MAX_CLIENT_REQUEST_ID_CHARS = 128;

/** Azure's first, then AWS's. */
const CLIENT_REQUEST_ID_HEADERS = ['x-ms-client-request-id', 'amz-sdk-invocation-id'] as const;

/**
 * The id of the logical SDK call a request belongs to, which SDKs keep across the retries of one
 * call: Azure's `x-ms-client-request-id`, else AWS's `amz-sdk-invocation-id`.
 */
export function parseClientRequestId(headers: IncomingHttpHeaders): string | undefined {
  for (const name of CLIENT_REQUEST_ID_HEADERS) {
    const header = headers[name];
    const value = (Array.isArray(header) ? header[0] : header)?.trim();
    if (value) return value.slice(0, MAX_CLIENT_REQUEST_ID_CHARS);
  }
  return undefined;
}
