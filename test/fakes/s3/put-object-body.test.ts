import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked } from '../../../fakes/s3/aws-chunked.js';
import { readPutObjectBody } from '../../../fakes/s3/put-object-body.js';

const HELLO_CRC32 = 'NhCmhg==';

describe('aws-chunked bodies', () => {
  it('decodes chunks and trailers as botocore frames them over https', () => {
    const decoded = decodeAwsChunked(Buffer.from(`5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${HELLO_CRC32}\r\n\r\n`));
    expect(decoded.payload.toString()).toBe('hello');
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': HELLO_CRC32 });
  });

  it('tolerates chunk-signature extensions and several chunks', () => {
    const sig = `;chunk-signature=${'a'.repeat(64)}`;
    const decoded = decodeAwsChunked(Buffer.from(`3${sig}\r\nhel\r\n2${sig}\r\nlo\r\n0${sig}\r\n\r\n`));
    expect(decoded.payload.toString()).toBe('hello');
  });

  it('rejects truncated framing with IncompleteBody', () => {
    expect(() => decodeAwsChunked(Buffer.from('a\r\nhello'))).toThrow(/aws-chunked/);
    expect(() => decodeAwsChunked(Buffer.from('zz\r\n'))).toThrow(/chunk size/);
  });
});

describe('PutObject integrity checks', () => {
  const chunkedHeaders = {
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    'x-amz-trailer': 'x-amz-checksum-crc32',
    'x-amz-decoded-content-length': '5',
  };

  it('verifies a trailing CRC32 and answers BadDigest on mismatch', () => {
    const good = readPutObjectBody(
      chunkedHeaders,
      Buffer.from(`5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${HELLO_CRC32}\r\n\r\n`),
    );
    expect(good.payload.toString()).toBe('hello');
    expect(good.checksums).toEqual({ 'x-amz-checksum-crc32': HELLO_CRC32 });
    expect(() =>
      readPutObjectBody(chunkedHeaders, Buffer.from('5\r\nhellx\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n')),
    ).toThrow(/CRC32/);
  });

  it('checks X-Amz-Decoded-Content-Length against the decoded payload', () => {
    expect(() =>
      readPutObjectBody(
        { ...chunkedHeaders, 'x-amz-decoded-content-length': '6' },
        Buffer.from('5\r\nhello\r\n0\r\n\r\n'),
      ),
    ).toThrow(/Decoded-Content-Length/);
  });

  it('verifies x-amz-checksum-crc32, Content-MD5 and a hex x-amz-content-sha256 on plain bodies', () => {
    const body = Buffer.from('hello');
    const md5 = createHash('md5').update(body).digest('base64');
    const sha = createHash('sha256').update(body).digest('hex');
    expect(
      readPutObjectBody({ 'x-amz-checksum-crc32': HELLO_CRC32, 'content-md5': md5, 'x-amz-content-sha256': sha }, body)
        .payload,
    ).toEqual(body);
    expect(() => readPutObjectBody({ 'x-amz-checksum-crc32': 'AAAAAA==' }, body)).toThrow(/CRC32/);
    expect(() => readPutObjectBody({ 'content-md5': createHash('md5').update('x').digest('base64') }, body)).toThrow(
      /Content-MD5/,
    );
    expect(() => readPutObjectBody({ 'x-amz-content-sha256': '0'.repeat(64) }, body)).toThrow(/x-amz-content-sha256/);
  });
});
