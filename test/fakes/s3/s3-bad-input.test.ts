/**
 * Random malformed S3 requests straight into the definition: it must never throw, and every answer
 * must be S3-shaped (request-id headers; an XML <Error> body unless HEAD or success).
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { createPrng } from '../../../fakes/core/prng.js';
import { createS3Service } from '../../../fakes/s3/index.js';
import { makeRequest } from './make-request.js';

const METHODS = ['GET', 'PUT', 'HEAD', 'DELETE', 'POST', 'PATCH', 'OPTIONS', 'BREW'];
const SEGMENTS = [
  '',
  'bkt',
  'Bad_Bucket',
  'a',
  'k%20x',
  '%',
  '%zz',
  '%E0%A4%A',
  'ü',
  '..',
  'x'.repeat(300),
  '%00',
  'dir',
];
const QUERIES = [
  '',
  'list-type=2',
  'list-type=2&max-keys=-1',
  'list-type=2&max-keys=abc',
  'list-type=2&continuation-token=%%%',
  'list-type=2&continuation-token=azpm',
  'list-type=2&encoding-type=zip',
  'uploads',
  'x-id=PutObject',
  'acl',
  'list-type=2&delimiter=&prefix=%FF',
];
const HEADER_SETS: Record<string, string>[] = [
  {},
  { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' },
  { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' },
  { 'x-amz-checksum-crc32': '!!!' },
  { 'content-md5': 'not-base64' },
  { range: 'bytes=9-1' },
  { range: 'bytes=-0' },
  { authorization: 'garbage' },
  { authorization: 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=Host, Signature=zz' },
  { 'x-amz-copy-source': '/a/b' },
  { 'x-amz-content-sha256': 'f'.repeat(64) },
];
const BODIES = [
  '',
  'hello',
  '5\r\nhello\r\n0\r\n\r\n',
  'ffffffff\r\nx',
  '<CreateBucketConfiguration><',
  '\u0000\u0001\u0002',
  '<a/>',
];

describe('S3 fake under random malformed input', () => {
  it.each([false, true])('answers 3000 random requests with S3-shaped responses (strict=%s)', async (strict) => {
    const random = createPrng(strict ? 2 : 1);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const s3 = createS3Service({
      clock: new ManualClock(0),
      ...(strict && { strictAuth: [{ accessKeyId: 'a', secretAccessKey: 'b' }] }),
    });
    s3.store.putObject('bkt', 'a', '0123456789');
    const statuses = new Map<number, number>();
    for (let i = 0; i < 3_000; i++) {
      const depth = Math.floor(random() * 4);
      const path = `/${Array.from({ length: depth }, () => pick(SEGMENTS)).join('/')}`;
      const query = pick(QUERIES);
      const request = makeRequest(pick(METHODS), query ? `${path}?${query}` : path, {
        headers: { ...pick(HEADER_SETS), ...pick(HEADER_SETS) },
        body: pick(BODIES),
      });
      const classified = s3.classify(request);
      const response = await s3.handle(request, classified);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(600);
      expect(response.headers?.['x-amz-request-id']).toBe(request.requestId);
      if (response.status >= 400 && request.method !== 'HEAD')
        expect(String(response.body)).toMatch(/^<\?xml[^>]*>\n<Error><Code>\w+<\/Code>/);
      if (response.status >= 500)
        throw new Error(
          `unexpected ${response.status} for ${request.method} ${request.raw.url}: ${String(response.body)}`,
        );
    }
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    // Unsigned garbage never gets past strict auth; in default mode some of it is valid enough to succeed.
    if (strict) expect([...statuses.keys()].every((s) => s === 400 || s === 403)).toBe(true);
    else expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  });
});
