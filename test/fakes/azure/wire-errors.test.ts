/**
 * Bad input through real https listeners: the Azure fakes answer with their own error envelopes and
 * keep serving. Plain `https.request` with the run's CA, no SDK, so each malformed case is exact.
 */
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { useSharedFakes } from '../../helpers/shared-fakes.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const shared = useSharedFakes();

function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers, ca: shared.fakes.caCertPem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const UPLOAD = '/dataCollectionRules/dcr-1/streams/Custom-X_CL?api%2Dversion=2023-01-01';
const BEARER = { authorization: 'Bearer abc.def.ghi', 'content-type': 'application/json' };

describe('Logs Ingestion fake on the wire', () => {
  it.each([
    ['no Authorization', {}, '[]', 401, 'InvalidToken'],
    ['a Basic Authorization', { authorization: 'Basic Zm9vOmJhcg==' }, '[]', 401, 'InvalidToken'],
    ['malformed gzip', { ...BEARER, 'content-encoding': 'gzip' }, 'not gzip at all', 400, 'InvalidContent'],
    ['malformed JSON', BEARER, '[{', 400, 'InvalidContent'],
    ['a JSON object instead of an array', BEARER, '{}', 400, 'InvalidContent'],
  ] as const)('answers %s with %i and the JSON error envelope', async (_name, headers, body, status, code) => {
    const response = await send(shared.fakes.endpoints.sentinel, 'POST', UPLOAD, headers, body);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('answers a missing api-version with 400 and an unknown route with 404, then still accepts an upload', async () => {
    expect(
      (await send(shared.fakes.endpoints.sentinel, 'POST', '/dataCollectionRules/d/streams/s', BEARER, '[]')).status,
    ).toBe(400);
    expect((await send(shared.fakes.endpoints.sentinel, 'GET', '/nope', BEARER)).status).toBe(404);
    const ok = await send(shared.fakes.endpoints.sentinel, 'POST', UPLOAD, BEARER, '[{"a":1}]');
    expect(ok.status).toBe(204);
    expect(shared.fakes.ingest.records({ stream: 'Custom-X_CL' }).map((r) => r.record)).toEqual([{ a: 1 }]);
  });
});

describe('Key Vault fake on the wire', () => {
  it('challenges with the resource derived from the Host header (a proxy port is honoured)', async () => {
    const response = await send(shared.fakes.endpoints.keyVault, 'GET', '/secrets/x/?api-version=2025-07-01', {
      host: '127.0.0.1:18443',
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(
      `Bearer authorization="${shared.fakes.endpoints.authority}/adfs", resource="kv-loopback://0.0.1:18443"`,
    );
  });

  it('builds ids from the Host header and answers unknown secrets with SecretNotFound', async () => {
    const put = await send(
      shared.fakes.endpoints.keyVault,
      'PUT',
      '/secrets/wire?api-version=2025-07-01',
      { ...BEARER, host: '127.0.0.1:18443' },
      '{"value":"v"}',
    );
    expect(JSON.parse(put.body).id).toMatch(/^https:\/\/127\.0\.0\.1:18443\/secrets\/wire\/[0-9a-f]{32}$/);
    const missing = await send(shared.fakes.endpoints.keyVault, 'GET', '/secrets/none/?api-version=2025-07-01', BEARER);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'SecretNotFound' } });
  });
});

describe('identity authority on the wire', () => {
  it('serves OIDC metadata whose endpoints point back at the authority', async () => {
    const response = await send(shared.fakes.endpoints.authority, 'GET', '/adfs/.well-known/openid-configuration');
    expect(JSON.parse(response.body)).toMatchObject({
      token_endpoint: `${shared.fakes.endpoints.authority}/adfs/oauth2/token`,
      issuer: `${shared.fakes.endpoints.authority}/adfs`,
    });
  });
});
