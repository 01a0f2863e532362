/**
 * Recomputes a SigV4 signature the way S3 does, for strict mode.
 *
 *   canonical request = METHOD \n URI-as-sent \n sorted-encoded-query \n canonical-headers \n
 *                       signed-headers \n payload-hash
 *   string to sign    = AWS4-HMAC-SHA256 \n amz-date \n scope \n hex(sha256(canonical request))
 *   signing key       = HMAC chain over "AWS4"+secret, date, region, service, "aws4_request"
 *
 * @note S3 signs the path exactly as sent (no normalisation, no double encoding), and the payload
 * hash is whatever `x-amz-content-sha256` says (a hex hash, `UNSIGNED-PAYLOAD`, or a `STREAMING-…`
 * marker). Chunk signatures of signed streaming uploads are not verified.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ParsedSigV4 } from './sigv4-parse.js';

export interface SignableRequest {
  readonly method: string;
  /** Path as received, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
export function sigV4Encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(query: URLSearchParams, source: ParsedSigV4['source']): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of query) {
    if (source === 'query' && name === 'X-Amz-Signature') continue;
    pairs.push([sigV4Encode(name), sigV4Encode(value)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

function payloadHash(request: SignableRequest, source: ParsedSigV4['source']): string {
  const declared = request.headers['x-amz-content-sha256'];
  if (typeof declared === 'string' && declared !== '') return declared;
  if (source === 'query') return 'UNSIGNED-PAYLOAD';
  return createHash('sha256').update(request.body).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The `x-amz-date` the client signed with (header, or query for presigned URLs). */
export function signedAmzDate(request: SignableRequest, auth: ParsedSigV4): string | undefined {
  if (auth.source === 'query') return request.query.get('X-Amz-Date') ?? undefined;
  const value = request.headers['x-amz-date'];
  return typeof value === 'string' ? value : undefined;
}

/** Returns the signature S3 would expect for this request and secret. */
export function computeSigV4Signature(request: SignableRequest, auth: ParsedSigV4, secretAccessKey: string): string {
  const amzDate = signedAmzDate(request, auth) ?? '';
  const { date, region, service, terminator } = auth.credential;
  const canonicalRequest = [
    request.method,
    request.path === '' ? '/' : request.path,
    canonicalQuery(request.query, auth.source),
    auth.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join(''),
    auth.signedHeaders.join(';'),
    payloadHash(request, auth.source),
  ].join('\n');
  const scope = `${date}/${region}/${service}/${terminator}`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), terminator);
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
