/**
 * Decodes S3's `aws-chunked` content encoding, which sits *inside* the HTTP body (Node has already
 * removed any HTTP chunking):
 *
 *   <hex-size>[;chunk-signature=…]\r\n <data> \r\n … 0[;…]\r\n <trailer>:<value>\r\n … \r\n
 *
 * botocore uses it over https and JS for stream bodies, with a trailing `x-amz-checksum-crc32`.
 * Signed variants (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) add `;chunk-signature=` extensions and an
 * `x-amz-trailer-signature` trailer; both are tolerated, not verified.
 */
import { S3Error } from './s3-errors.js';

export interface DecodedAwsChunked {
  readonly payload: Buffer;
  /** Trailer headers, names lowercased (e.g. `x-amz-checksum-crc32`). */
  readonly trailers: Readonly<Record<string, string>>;
}

const CRLF = Buffer.from('\r\n');

function malformed(reason: string): S3Error {
  return new S3Error(400, 'IncompleteBody', `Failed to decode the aws-chunked body: ${reason}.`);
}

/** True when the request body is aws-chunked framed. */
export function isAwsChunked(headers: Record<string, unknown>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.includes('aws-chunked') || sha.startsWith('STREAMING-');
}

/**
 * @example decodeAwsChunked(Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n'))
 *   // { payload: <hello>, trailers: { 'x-amz-checksum-crc32': 'NhCmhg==' } }
 * @throws S3Error IncompleteBody (400) when the framing is broken or truncated.
 */
export function decodeAwsChunked(body: Buffer): DecodedAwsChunked {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, offset);
    if (lineEnd < 0) throw malformed('missing chunk header');
    const header = body.toString('latin1', offset, lineEnd);
    const sizeText = header.split(';', 1)[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw malformed(`bad chunk size "${sizeText.slice(0, 20)}"`);
    const size = parseInt(sizeText, 16);
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size + 2 > body.length) throw malformed('chunk runs past the end of the body');
    parts.push(body.subarray(offset, offset + size));
    offset += size;
    if (body[offset] !== 0x0d || body[offset + 1] !== 0x0a) throw malformed('chunk data not followed by CRLF');
    offset += 2;
  }
  const trailers: Record<string, string> = {};
  // Trailer lines until an empty line or the end (some clients omit the final CRLF).
  while (offset < body.length) {
    let lineEnd = body.indexOf(CRLF, offset);
    if (lineEnd < 0) lineEnd = body.length;
    const line = body.toString('utf8', offset, lineEnd);
    offset = lineEnd + 2;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`bad trailer line "${line.slice(0, 40)}"`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: parts.length === 1 ? parts[0] : Buffer.concat(parts), trailers };
}
