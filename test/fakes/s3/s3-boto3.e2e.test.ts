/**
 * boto3 from the project venv, configured by environment only (AWS_ENDPOINT_URL_S3, keys, region,
 * AWS_EC2_METADATA_DISABLED; AWS_CA_BUNDLE for https), against the S3 fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunCertificates, type RunCertificates } from '../../../fakes/core/tls.js';
import { runBoto3 } from './run-boto3.js';
import { type StartedS3, startS3 } from './start-s3.js';

describe('boto3 over http', () => {
  let fake: StartedS3;
  beforeAll(async () => {
    fake = await startS3();
  });
  afterAll(() => fake?.stop());

  it('creates, puts (CRC32 + Expect: 100-continue), lists across pages, gets and heads', async () => {
    const result = await runBoto3(
      ['roundtrip', '--bucket', 'boto-bkt', '--prefix', 'in/', '--objects', '5', '--page-size', '2'],
      { endpoint: fake.url },
    );
    expect(result.ok).toBe(true);
    // botocore 1.x >= 1.36: CRC32 defaults
    expect(Number(String(result.botocore).split('.')[1])).toBeGreaterThanOrEqual(36);
    const keys = (result.puts as { key: string }[]).map((p) => p.key);
    expect(result.pages).toEqual([keys.slice(0, 2), keys.slice(2, 4), keys.slice(4)]);
    expect(result.get).toMatchObject({ key: keys[0], body: 'body-0', contentLength: 6 });
    expect(result.get.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(result.head.etag).toBe(result.get.etag);
    expect(result.headMissing).toBe('404');
    const put = fake.seenHeaders.find((s) => s.operation === 'PutObject')!;
    expect(put.headers['x-amz-checksum-crc32']).toBeTruthy();
    expect(put.headers.expect).toBe('100-continue');
    const list = fake.journal.query({ service: 's3', operation: 'ListObjectsV2' });
    expect(list).toHaveLength(3);
    expect(fake.store.getObject('boto-bkt', keys[4]!)!.body.toString()).toBe('body-4');
  });
});

describe('boto3 over https (AWS_CA_BUNDLE)', () => {
  let fake: StartedS3;
  let certs: RunCertificates;
  beforeAll(async () => {
    certs = await createRunCertificates();
    fake = await startS3({ tls: { cert: certs.certPem, key: certs.keyPem } });
  });
  afterAll(async () => {
    await fake?.stop();
    await certs?.dispose();
  });

  it('uploads with aws-chunked framing and a trailing CRC32, which the fake decodes', async () => {
    const result = await runBoto3(
      ['roundtrip', '--bucket', 'tls-bkt', '--prefix', 't/', '--objects', '3', '--page-size', '2'],
      {
        endpoint: fake.url,
        extra: { AWS_CA_BUNDLE: certs.caCertPath },
      },
    );
    expect(result.ok).toBe(true);
    const put = fake.seenHeaders.find((s) => s.operation === 'PutObject')!;
    expect(put.headers['content-encoding']).toContain('aws-chunked');
    expect(put.headers['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(put.headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(fake.store.getObject('tls-bkt', result.puts[2].key)!.body.toString()).toBe('body-2');
  });
});
