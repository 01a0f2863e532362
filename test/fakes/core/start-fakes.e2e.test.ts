import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { startFakes } from '../../../fakes/index.js';
import { rawRequest } from './helpers/raw-request.js';

const run = promisify(execFile);

const CONTRACT_ENV_KEYS = [
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EC2_METADATA_DISABLED',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
  'AZURE_TOKEN_CREDENTIALS',
  'AWS_CA_BUNDLE',
  'REQUESTS_CA_BUNDLE',
  'SSL_CERT_FILE',
  'NODE_EXTRA_CA_CERTS',
  'KEY_VAULT_URL',
  'SENTINEL_DCR_ENDPOINT',
];

describe('startFakes', () => {
  it('starts every fake on loopback with the contract env block, and stops idempotently', async () => {
    const fakes = await startFakes({ seed: 11 });
    try {
      expect(fakes.endpoints).toEqual({
        s3: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        keyVault: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        sentinel: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        identity: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/),
        authority: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        control: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      expect(Object.keys(fakes.env).sort()).toEqual([...CONTRACT_ENV_KEYS].sort());
      expect(fakes.env).toMatchObject({
        AWS_ENDPOINT_URL_S3: fakes.endpoints.s3,
        IDENTITY_ENDPOINT: fakes.endpoints.identity,
        AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_REGION: 'us-east-1',
        NODE_EXTRA_CA_CERTS: fakes.caCertPath,
        SSL_CERT_FILE: fakes.caCertPath,
        KEY_VAULT_URL: fakes.endpoints.keyVault,
        SENTINEL_DCR_ENDPOINT: fakes.endpoints.sentinel,
      });
      expect(existsSync(fakes.caCertPath)).toBe(true);
    } finally {
      await Promise.all([fakes.stop(), fakes.stop()]);
    }
    expect(existsSync(fakes.caCertPath)).toBe(false);
    expect(await rawRequest(`${fakes.endpoints.control}/__chaos/faults`)).toMatchObject({
      ok: false,
      code: 'ECONNREFUSED',
    });
    expect(await rawRequest(fakes.endpoints.s3)).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
  });

  it('shares one engine and journal across fakes; reset clears faults and state but keeps the journal', async () => {
    await using fakes = await startFakes();
    const s3 = new S3Client({
      endpoint: fakes.endpoints.s3,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    fakes.s3.createBucket('logs');
    fakes.s3.putObject('logs', 'fw/1.log', 'line');
    fakes.faults.add({
      id: 'once',
      target: { service: 's3', operation: 'GetObject', bucket: 'logs' },
      effect: { kind: 'http_error', status: 503 },
      schedule: { kind: 'first', count: 1 },
    });
    fakes.faults.add({ id: 'idle', target: { service: 'identity' }, effect: { kind: 'reset' } });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'logs', Key: 'fw/1.log' }));
    expect(await got.Body!.transformToString()).toBe('line');
    const gets = fakes.journal.query({ service: 's3', operation: 'GetObject' });
    expect(gets.map((e) => [e.status, e.attempt, e.faultRuleId, e.bucket, e.key])).toEqual([
      [503, 1, 'once', 'logs', 'fw/1.log'],
      [200, 2, undefined, 'logs', 'fw/1.log'],
    ]);
    expect(fakes.faults.unmatched().map((r) => r.id)).toEqual(['idle']);
    const total = fakes.journal.total();
    fakes.reset();
    expect(fakes.faults.list()).toEqual([]);
    expect(fakes.s3.listKeys('logs')).toEqual([]);
    expect(fakes.journal.total()).toBe(total);
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'again' }))).resolves.toBeDefined();
    s3.destroy();
  });

  it('gives an unmodified Azure SDK process all it needs through env: MI, Key Vault challenge, ingestion', async () => {
    await using fakes = await startFakes();
    fakes.keyVault.setSecret('shared-key', 's3cr3t');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'test/fakes/core/fixtures/azure-sdk-client.ts', 'shared-key'],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...fakes.env },
        timeout: 60_000,
      },
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ secret: 's3cr3t' });
    expect(fakes.ingest.count().total).toBe(2);
    expect(fakes.journal.counts().byService.identity).toBeGreaterThanOrEqual(1);
    expect(fakes.journal.query({ service: 'keyvault' }).map((e) => e.status)).toEqual([401, 200]);
  });
});
