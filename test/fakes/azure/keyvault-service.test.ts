import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { challengeResource, createKeyVaultService } from '../../../fakes/keyvault/index.js';
import { jsonBody, makeRequest } from './helpers/make-request.js';

const AUTH = { authorization: 'Bearer token-1' };
const V = 'api-version=2025-07-01';

function call(
  service: ReturnType<typeof createKeyVaultService>,
  method: string,
  target: string,
  options: Parameters<typeof makeRequest>[3] = {},
) {
  const request = makeRequest('keyvault', method, target, { headers: AUTH, ...options });
  return service.handle(request, service.classify(request));
}

/** A secret bundle as the assertions read it: any path into it. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions reach into arbitrary JSON shapes
type LooseJson = Record<string, any>;

describe('createKeyVaultService', () => {
  it('classifies secret operations with the secret name', () => {
    const service = createKeyVaultService({ clock: new ManualClock(0), tenantId: 'adfs' });
    const classify = (method: string, path: string) => service.classify(makeRequest('keyvault', method, path));
    expect(classify('PUT', '/secrets/db-pass')).toEqual({ operation: 'SetSecret', secretName: 'db-pass' });
    expect(classify('GET', '/secrets/db-pass/')).toEqual({ operation: 'GetSecret', secretName: 'db-pass' });
    expect(classify('GET', '/secrets/db-pass/abc')).toEqual({ operation: 'GetSecret', secretName: 'db-pass' });
    expect(classify('GET', '/secrets')).toEqual({ operation: 'ListSecrets' });
    expect(classify('GET', '/secrets/db-pass/versions')).toEqual({
      operation: 'ListSecretVersions',
      secretName: 'db-pass',
    });
    expect(classify('DELETE', '/secrets/db-pass')).toEqual({ operation: 'DeleteSecret', secretName: 'db-pass' });
    expect(classify('GET', '/keys/k')).toEqual({ operation: 'Unknown' });
  });

  it('challenges a request without a bearer token with a resource both SDKs accept for the Host', () => {
    const service = createKeyVaultService({
      clock: new ManualClock(0),
      tenantId: 'tenant-1',
      authorityHost: 'https://127.0.0.1:9000/',
    });
    const response = call(service, 'GET', `/secrets/x/?${V}`, { headers: { host: '127.0.0.1:5443' } });
    expect(response.status).toBe(401);
    const challenge = String(response.headers?.['www-authenticate']);
    expect(challenge).toBe(
      'Bearer authorization="https://127.0.0.1:9000/tenant-1", resource="kv-loopback://0.0.1:5443"',
    );
    expect(jsonBody(response)).toMatchObject({ error: { code: 'Unauthorized' } });
    // The SDKs' checks (wire-contracts §3.3), replayed: Python on netloc with port, JS on WHATWG hostname.
    const resource = /resource="([^"]+)"/.exec(challenge)![1]!;
    const scope = new URL(`${resource}/.default`);
    expect('127.0.0.1:5443'.endsWith(`.${scope.host}`)).toBe(true);
    expect(new URL('https://127.0.0.1:5443').hostname.endsWith(`.${scope.hostname}`)).toBe(true);
    expect(
      challengeResource(makeRequest('keyvault', 'GET', '/', { headers: { host: 'myvault.localhost:7000' } })),
    ).toBe('https://localhost:7000');
    expect(challengeResource(makeRequest('keyvault', 'GET', '/', { headers: { host: 'localhost:7000' } }))).toBe(
      'https://vault.azure.net',
    );
  });

  it('sets, gets (newest and by version), lists and deletes secrets with ids built from the Host header', () => {
    const clock = new ManualClock(1_700_000_000_500);
    const service = createKeyVaultService({ clock, tenantId: 'adfs' });
    const host = { ...AUTH, host: '127.0.0.1:6000' };
    const first = jsonBody(
      call(service, 'PUT', `/secrets/db-pass?${V}`, { headers: host, body: '{"value":"one","attributes":{}}' }),
    ) as LooseJson;
    clock.advance(2_000);
    call(service, 'PUT', `/secrets/db-pass?${V}`, { headers: host, body: '{"value":"two","tags":{"a":"b"}}' });
    expect(first.id).toMatch(/^https:\/\/127\.0\.0\.1:6000\/secrets\/db-pass\/[0-9a-f]{32}$/);
    expect(first.attributes).toMatchObject({
      enabled: true,
      created: 1_700_000_000,
      updated: 1_700_000_000,
      recoveryLevel: 'Recoverable+Purgeable',
    });

    const latest = jsonBody(call(service, 'GET', `/secrets/db-pass/?${V}`, { headers: host })) as LooseJson;
    expect(latest).toMatchObject({ value: 'two', tags: { a: 'b' } });
    const version = String(first.id).split('/').at(-1);
    expect(jsonBody(call(service, 'GET', `/secrets/db-pass/${version}?${V}`))).toMatchObject({ value: 'one' });
    expect(service.store.get('db-pass')).toBe('two');

    const list = jsonBody(call(service, 'GET', `/secrets?${V}`)) as {
      value: Array<Record<string, unknown>>;
      nextLink: unknown;
    };
    expect(list.value.map((s) => s.id)).toEqual(['https://127.0.0.1:8443/secrets/db-pass']);
    expect(list.value[0]).not.toHaveProperty('value');
    const versions = jsonBody(call(service, 'GET', `/secrets/db-pass/versions?${V}&maxresults=1`)) as {
      value: unknown[];
      nextLink: string;
    };
    expect(versions.value).toHaveLength(1);
    expect(new URL(versions.nextLink).searchParams.get('$skiptoken')).toBe('1');

    const deleted = call(service, 'DELETE', `/secrets/db-pass?${V}`);
    expect(jsonBody(deleted)).toMatchObject({
      recoveryId: 'https://127.0.0.1:8443/deletedsecrets/db-pass',
      value: 'two',
    });
    expect(call(service, 'GET', `/deletedsecrets/db-pass?${V}`).status).toBe(200);
    expect(call(service, 'PUT', `/secrets/db-pass?${V}`, { body: '{"value":"x"}' }).status).toBe(409);
    expect(call(service, 'DELETE', `/deletedsecrets/db-pass?${V}`).status).toBe(204);
  });

  it('answers unknown secrets, bad bodies and a missing api-version with the service JSON errors', () => {
    const service = createKeyVaultService({ clock: new ManualClock(0), tenantId: 'adfs' });
    const missing = call(service, 'GET', `/secrets/nope/?${V}`);
    expect(missing.status).toBe(404);
    expect(jsonBody(missing)).toMatchObject({
      error: { code: 'SecretNotFound', message: expect.stringContaining('nope') },
    });
    expect(call(service, 'PUT', `/secrets/a?${V}`, { body: '{"value":' }).status).toBe(400);
    expect(call(service, 'PUT', `/secrets/a?${V}`, { body: '{"value":3}' }).status).toBe(400);
    expect(call(service, 'PUT', `/secrets/bad_name?${V}`, { body: '{"value":"v"}' }).status).toBe(400);
    expect(call(service, 'GET', '/secrets/a/').status).toBe(400);
    expect(call(service, 'POST', `/secrets/a?${V}`).status).toBe(405);
  });

  it('maps injected statuses to Key Vault codes, and injected 401s carry the challenge', () => {
    const service = createKeyVaultService({ clock: new ManualClock(0), tenantId: 'adfs' });
    const codes = [429, 401, 403, 500, 503].map((s) => service.defaultErrorCode(s, { operation: 'GetSecret' }));
    expect(codes).toEqual(['Throttled', 'Unauthorized', 'Forbidden', 'InternalServerError', 'ServiceUnavailable']);
    const request = makeRequest('keyvault', 'GET', '/secrets/a/');
    const injected = service.errorResponse(401, undefined, 'revoked', request, service.classify(request));
    expect(injected.headers?.['www-authenticate']).toMatch(/^Bearer authorization=".*\/adfs", resource="/);
    expect(jsonBody(service.errorResponse(429, undefined, 'busy', request, service.classify(request)))).toEqual({
      error: { code: 'Throttled', message: 'busy' },
    });
  });
});
