/**
 * Turns a PutObject request body into the object's bytes, checking every integrity claim the
 * client made: aws-chunked framing and its decoded length, `x-amz-checksum-*` (header or trailer),
 * `Content-MD5`, and a hex `x-amz-content-sha256`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { digest } from '../core/digest.js';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js';
import { S3Error } from './s3-errors.js';
import { crc32Base64 } from './s3-store.js';

const CHECKSUM_HASHES: Readonly<Record<string, { name: string; digest: (body: Buffer) => string }>> = {
  'x-amz-checksum-crc32': { name: 'CRC32', digest: crc32Base64 },
  'x-amz-checksum-sha1': { name: 'SHA1', digest: (b) => digest('sha1', b, 'base64') },
  'x-amz-checksum-sha256': { name: 'SHA256', digest: (b) => digest('sha256', b, 'base64') },
};

/**
 * @returns the payload and the checksum headers to echo in the response.
 * @note CRC32C and CRC64NVME are accepted unverified (Node has no native implementation); the SDKs
 * default to CRC32.
 */
export function readPutObjectBody(
  headers: IncomingHttpHeaders,
  body: Buffer,
): { payload: Buffer; checksums: Record<string, string> } {
  let payload = body;
  const claimed: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type' && typeof value === 'string')
      claimed[name] = value;
  }
  if (isAwsChunked(headers)) {
    const decoded = decodeAwsChunked(body);
    payload = decoded.payload;
    for (const [name, value] of Object.entries(decoded.trailers))
      if (name.startsWith('x-amz-checksum-')) claimed[name] = value;
    const declared = headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== payload.length) {
      throw new S3Error(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the X-Amz-Decoded-Content-Length header ' +
          `(${String(declared)}), got ${payload.length}.`,
      );
    }
  }
  for (const [name, value] of Object.entries(claimed)) {
    const hash = CHECKSUM_HASHES[name];
    if (hash && hash.digest(payload) !== value) {
      throw new S3Error(400, 'BadDigest', `The ${hash.name} you specified did not match the calculated checksum.`);
    }
  }
  const contentMd5 = headers['content-md5'];
  if (typeof contentMd5 === 'string') {
    if (Buffer.from(contentMd5, 'base64').length !== 16)
      throw new S3Error(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
    if (digest('md5', payload, 'base64') !== contentMd5) {
      throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
  }
  const contentSha = headers['x-amz-content-sha256'];
  if (
    typeof contentSha === 'string' &&
    /^[0-9a-f]{64}$/.test(contentSha) &&
    digest('sha256', payload, 'hex') !== contentSha
  ) {
    throw new S3Error(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return { payload, checksums: claimed };
}
