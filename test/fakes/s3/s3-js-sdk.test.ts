/**
 * @aws-sdk/client-s3, unmodified, against the S3 fake on a real loopback socket.
 */
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedS3, startS3 } from './start-s3.js';

let fake: StartedS3;
let client: S3Client;

beforeAll(async () => {
  fake = await startS3();
  client = new S3Client({
    endpoint: fake.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  });
});
afterAll(async () => {
  client?.destroy();
  await fake?.stop();
});

describe('@aws-sdk/client-s3 against the S3 fake', () => {
  it('creates and heads a bucket (path style on 127.0.0.1)', async () => {
    await client.send(new CreateBucketCommand({ Bucket: 'js-bkt' }));
    const head = await client.send(new HeadBucketCommand({ Bucket: 'js-bkt' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    expect(fake.store.hasBucket('js-bkt')).toBe(true);
  });

  it('puts a small string body with a CRC32 and reads it back with get and head', async () => {
    const key = 'dir/a b ü ☃.txt';
    const put = await client.send(
      new PutObjectCommand({ Bucket: 'js-bkt', Key: key, Body: 'hello world', ContentType: 'text/plain' }),
    );
    expect(put.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    const seen = fake.seenHeaders.findLast((s) => s.operation === 'PutObject')!;
    expect(seen.headers['x-amz-checksum-crc32']).toBeTruthy();
    const get = await client.send(new GetObjectCommand({ Bucket: 'js-bkt', Key: key }));
    expect(await get.Body!.transformToString()).toBe('hello world');
    expect(get.ETag).toBe(put.ETag);
    expect(get.ContentLength).toBe(11);
    expect(get.ContentType).toBe('text/plain');
    expect(get.LastModified).toBeInstanceOf(Date);
    expect(get.$metadata.requestId).toBeTruthy();
    const head = await client.send(new HeadObjectCommand({ Bucket: 'js-bkt', Key: key }));
    expect(head.ContentLength).toBe(11);
    expect(head.ETag).toBe(put.ETag);
    expect(fake.store.listKeys('js-bkt')).toContain(key);
  });

  it('puts a Readable stream, which the SDK frames as aws-chunked with a trailing checksum over http', async () => {
    const payload = Buffer.alloc(200_000, 'x');
    const body = Readable.from([payload.subarray(0, 70_000), payload.subarray(70_000)]);
    await client.send(
      new PutObjectCommand({ Bucket: 'js-bkt', Key: 'streamed.bin', Body: body, ContentLength: payload.length }),
    );
    const seen = fake.seenHeaders.findLast((s) => s.operation === 'PutObject')!;
    expect(seen.headers['content-encoding']).toContain('aws-chunked');
    expect(seen.headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(seen.headers['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(seen.bodyBytes).toBeGreaterThan(payload.length); // framing was on the wire
    expect(fake.store.getObject('js-bkt', 'streamed.bin')!.body.equals(payload)).toBe(true);
  });

  it('lists with the paginator across several pages without losing keys', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `page/obj ${i} é.txt`);
    for (const key of keys) fake.store.putObject('js-bkt', key, key);
    const pages: string[][] = [];
    for await (const page of paginateListObjectsV2({ client, pageSize: 3 }, { Bucket: 'js-bkt', Prefix: 'page/' })) {
      pages.push((page.Contents ?? []).map((o) => o.Key!));
      expect(page.Contents?.[0]?.LastModified).toBeInstanceOf(Date);
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual([...keys].sort());
  });

  it('surfaces NoSuchKey for GET and NotFound for HEAD of a missing key', async () => {
    await expect(client.send(new GetObjectCommand({ Bucket: 'js-bkt', Key: 'missing' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    await expect(client.send(new HeadObjectCommand({ Bucket: 'js-bkt', Key: 'missing' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });
});
