/**
 * Strict mode: signatures are verified against configured keys, so auth failures are real.
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunCertificates, type RunCertificates } from '../../../fakes/core/tls.js';
import { runBoto3 } from './run-boto3.js';
import { type StartedS3, startS3 } from './start-s3.js';

const KEY = { accessKeyId: 'AKIASTRICT', secretAccessKey: 'strict/secret+key' };
let fake: StartedS3;
let tlsFake: StartedS3;
let certs: RunCertificates;
const clients: S3Client[] = [];

function client(accessKeyId: string, secretAccessKey: string): S3Client {
  const c = new S3Client({
    endpoint: fake.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId, secretAccessKey },
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  certs = await createRunCertificates();
  fake = await startS3({ strictAuth: [KEY] });
  tlsFake = await startS3({ strictAuth: [KEY], tls: { cert: certs.certPem, key: certs.keyPem } });
  fake.store.createBucket('strict');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await fake?.stop();
  await tlsFake?.stop();
  await certs?.dispose();
});

describe('strict SigV4 with @aws-sdk/client-s3', () => {
  it('accepts correctly signed string puts, streamed puts, lists and gets (keys with spaces and unicode)', async () => {
    const good = client(KEY.accessKeyId, KEY.secretAccessKey);
    await good.send(new PutObjectCommand({ Bucket: 'strict', Key: 'a b/ü ☃ (1).txt', Body: 'signed' }));
    await good.send(
      new PutObjectCommand({
        Bucket: 'strict',
        Key: 'stream.bin',
        Body: Readable.from([Buffer.from('abc')]),
        ContentLength: 3,
      }),
    );
    const list = await good.send(
      new ListObjectsV2Command({ Bucket: 'strict', Prefix: 'a b/', MaxKeys: 5, StartAfter: 'a' }),
    );
    expect(list.Contents?.map((o) => o.Key)).toEqual(['a b/ü ☃ (1).txt']);
    const get = await good.send(new GetObjectCommand({ Bucket: 'strict', Key: 'a b/ü ☃ (1).txt' }));
    expect(await get.Body!.transformToString()).toBe('signed');
  });

  it('answers SignatureDoesNotMatch (403) for a wrong secret', async () => {
    await expect(
      client(KEY.accessKeyId, 'wrong').send(new GetObjectCommand({ Bucket: 'strict', Key: 'stream.bin' })),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('answers InvalidAccessKeyId (403) for an unknown key', async () => {
    await expect(
      client('AKIAUNKNOWN', KEY.secretAccessKey).send(new GetObjectCommand({ Bucket: 'strict', Key: 'stream.bin' })),
    ).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe('strict SigV4 with boto3', () => {
  it('accepts boto3 over http (signed payload hash, Expect: 100-continue)', async () => {
    const result = await runBoto3(['roundtrip', '--bucket', 'boto-strict', '--prefix', 's/', '--objects', '3'], {
      endpoint: fake.url,
      ...KEY,
    });
    expect(result.ok).toBe(true);
  });

  it('accepts boto3 over https (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
    const result = await runBoto3(['roundtrip', '--bucket', 'boto-strict', '--prefix', 's/', '--objects', '2'], {
      endpoint: tlsFake.url,
      ...KEY,
      extra: { AWS_CA_BUNDLE: certs.caCertPath },
    });
    expect(result.ok).toBe(true);
  });

  it('surfaces SignatureDoesNotMatch and InvalidAccessKeyId to boto3', async () => {
    const wrongSecret = await runBoto3(['put', '--bucket', 'strict', '--key', 'x', '--body', 'y'], {
      endpoint: fake.url,
      accessKeyId: KEY.accessKeyId,
      secretAccessKey: 'nope',
    });
    expect(wrongSecret.error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    const unknownKey = await runBoto3(['get', '--bucket', 'strict', '--key', 'x'], {
      endpoint: fake.url,
      accessKeyId: 'AKIANOPE',
      secretAccessKey: KEY.secretAccessKey,
    });
    expect(unknownKey.error).toMatchObject({ code: 'InvalidAccessKeyId', status: 403 });
  });
});
