/** Writes a `FakeResponse` onto a Node response, whole or deliberately truncated. */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FakeResponse } from './types.js';

/** Statuses that never carry a body (RFC 9110). */
const BODILESS_STATUSES = new Set([204, 304]);

/** Writes the response and returns the body bytes written. */
export function writeFakeResponse(res: ServerResponse, response: FakeResponse, method: string): Promise<number> {
  const body = toBuffer(response.body);
  applyHead(res, response, body.length);
  const hasBody = method !== 'HEAD' && !BODILESS_STATUSES.has(response.status);
  return new Promise((resolve) => {
    res.end(hasBody ? body : undefined, () => resolve(hasBody ? body.length : 0));
  });
}

/**
 * Announces the full Content-Length, writes only `keepBytes`, then destroys the socket so the
 * client sees a short body. Returns the bytes written.
 */
export function writeTruncatedResponse(
  res: ServerResponse,
  response: FakeResponse,
  keepBytes: number,
): Promise<number> {
  const body = toBuffer(response.body);
  applyHead(res, response, body.length);
  res.flushHeaders();
  const partial = body.subarray(0, keepBytes);
  return new Promise((resolve) => {
    const finish = (): void => {
      res.socket?.destroy();
      resolve(partial.length);
    };
    // @note With nothing to keep, end the socket (FIN after the flushed headers) instead of destroying
    // it at once, which could discard headers still queued in the stream.
    if (partial.length === 0) res.socket?.end(() => finish()) ?? finish();
    else res.write(partial, finish);
  });
}

/**
 * Status and headers, plus `content-length` when the service set neither it nor Transfer-Encoding
 * (and the status carries a body).
 * @note One `writeHead` with a plain object instead of a `setHeader` per header: Node then builds the
 * head in one pass. That needs every name lowercase (as `setHeader` would have keyed them, so two
 * spellings of a name cannot both go out) and no header set on `res` before; otherwise, and for
 * anything unusual, the headers go through `setHeader` one by one as before.
 */
function applyHead(res: ServerResponse, response: FakeResponse, bodyLength: number): void {
  const source = response.headers ?? {};
  const names = Object.keys(source);
  let framed = false;
  let plain = res.getHeaderNames().length === 0;
  for (let i = 0; i < names.length && plain; i++) {
    const name = names[i];
    if (name !== name.toLowerCase()) plain = false;
    else if (name === 'content-length' || name === 'transfer-encoding') framed = true;
  }
  if (!plain) {
    applyHeadOneByOne(res, response, bodyLength);
    return;
  }
  const headers: Record<string, string | readonly string[]> = {};
  for (const name of names) {
    const value = source[name];
    headers[name] = typeof value === 'number' ? String(value) : value;
  }
  if (!framed && !BODILESS_STATUSES.has(response.status)) headers['content-length'] = String(bodyLength);
  res.writeHead(response.status, headers as OutgoingHttpHeaders);
}

function applyHeadOneByOne(res: ServerResponse, response: FakeResponse, bodyLength: number): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    res.setHeader(name, typeof value === 'number' ? String(value) : (value as string | string[]));
  }
  if (
    !res.hasHeader('content-length') &&
    !res.hasHeader('transfer-encoding') &&
    !BODILESS_STATUSES.has(response.status)
  ) {
    res.setHeader('content-length', String(bodyLength));
  }
}

function toBuffer(body: Buffer | string | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body) : body;
}
