import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { createIdentityService } from '../../../fakes/identity/index.js';
import { jsonBody, makeRequest } from './helpers/make-request.js';

const NOW_MS = 1_700_000_000_000;

function call(
  service: ReturnType<typeof createIdentityService>,
  method: string,
  target: string,
  options: Parameters<typeof makeRequest>[3] = {},
) {
  const request = makeRequest('identity', method, target, { startedAtMs: NOW_MS, ...options });
  return { classified: service.classify(request), response: service.handle(request, service.classify(request)) };
}

describe('createIdentityService', () => {
  it('issues App Service MI tokens with expires_on as an epoch-seconds string and the default 1 h lifetime', () => {
    const service = createIdentityService({ clock: new ManualClock(NOW_MS) });
    const { classified, response } = call(
      service,
      'GET',
      '/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fmonitor.azure.com',
      {
        headers: { 'x-identity-header': 'h' },
        tls: false,
      },
    );
    expect(classified.operation).toBe('GetToken');
    expect(response.status).toBe(200);
    const body = jsonBody(response) as Record<string, unknown>;
    expect(body).toMatchObject({
      expires_on: String(NOW_MS / 1_000 + 3_600),
      resource: 'https://monitor.azure.com',
      token_type: 'Bearer',
    });
    const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ aud: 'https://monitor.azure.com', exp: NOW_MS / 1_000 + 3_600 });
  });

  it('refuses App Service requests without the identity header (400) or with the wrong one (401)', () => {
    const service = createIdentityService({ clock: new ManualClock(NOW_MS), identityHeader: 'secret' });
    const target = '/msi/token?api-version=2019-08-01&resource=r';
    expect(call(service, 'GET', target).response.status).toBe(400);
    expect(call(service, 'GET', target, { headers: { 'x-identity-header': 'other' } }).response.status).toBe(401);
    expect(call(service, 'GET', target, { headers: { 'x-identity-header': 'secret' } }).response.status).toBe(200);
  });

  it('serves IMDS with and without the trailing slash, requiring Metadata: true, with expires_in', () => {
    const service = createIdentityService({ clock: new ManualClock(NOW_MS), tokenLifetimeMs: 200_000 });
    for (const path of ['/metadata/identity/oauth2/token', '/metadata/identity/oauth2/token/']) {
      const ok = call(service, 'GET', `${path}?api-version=2018-02-01&resource=r`, { headers: { metadata: 'true' } });
      expect(ok.classified.operation).toBe('GetToken');
      expect(jsonBody(ok.response)).toMatchObject({
        expires_in: '200',
        expires_on: String(NOW_MS / 1_000 + 200),
        resource: 'r',
      });
    }
    const noHeader = call(service, 'GET', '/metadata/identity/oauth2/token?resource=r');
    expect(noHeader.response.status).toBe(400);
    expect(jsonBody(noHeader.response)).toMatchObject({ error: 'invalid_request' });
  });

  it('serves OIDC metadata for adfs and GUID tenants with endpoints built from the Host header', () => {
    const service = createIdentityService({ clock: new ManualClock(NOW_MS) });
    const adfs = call(service, 'GET', '/adfs/.well-known/openid-configuration', {
      headers: { host: '127.0.0.1:7443' },
    });
    expect(adfs.classified.operation).toBe('GetOpenIdConfiguration');
    expect(jsonBody(adfs.response)).toMatchObject({
      issuer: 'https://127.0.0.1:7443/adfs',
      token_endpoint: 'https://127.0.0.1:7443/adfs/oauth2/token',
      authorization_endpoint: 'https://127.0.0.1:7443/adfs/oauth2/authorize',
    });
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const v2 = call(service, 'GET', `/${tenant}/v2.0/.well-known/openid-configuration`);
    expect(jsonBody(v2.response)).toMatchObject({
      issuer: `https://127.0.0.1:8443/${tenant}/v2.0`,
      token_endpoint: `https://127.0.0.1:8443/${tenant}/oauth2/v2.0/token`,
    });
  });

  it('answers the client-credentials POST and rejects malformed forms with AAD errors', () => {
    const service = createIdentityService({ clock: new ManualClock(NOW_MS) });
    const ok = call(service, 'POST', '/adfs/oauth2/token?client-request-id=1', {
      body:
        'grant_type=client_credentials&client_id=app&client_secret=s' +
        '&scope=https%3A%2F%2Fvault.azure.net%2F.default',
    });
    expect(ok.classified.operation).toBe('GetToken');
    expect(jsonBody(ok.response)).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3_600,
      access_token: expect.any(String),
    });
    expect(
      jsonBody(call(service, 'POST', '/adfs/oauth2/token', { body: 'grant_type=password' }).response),
    ).toMatchObject({ error: 'unsupported_grant_type' });
    expect(
      call(service, 'POST', '/adfs/oauth2/token', { body: 'grant_type=client_credentials&client_id=a' }).response
        .status,
    ).toBe(401);
    expect(call(service, 'GET', '/nowhere').response.status).toBe(404);
  });

  it('shapes injected errors per endpoint', () => {
    const service = createIdentityService({ clock: new ManualClock(NOW_MS) });
    const appService = makeRequest('identity', 'GET', '/msi/token');
    expect(
      jsonBody(service.errorResponse(503, undefined, 'down', appService, service.classify(appService))),
    ).toMatchObject({ statusCode: 503 });
    const authority = makeRequest('identity', 'POST', '/adfs/oauth2/token');
    expect(
      jsonBody(service.errorResponse(503, undefined, 'down', authority, service.classify(authority))),
    ).toMatchObject({
      error: 'temporarily_unavailable',
      error_description: 'down',
    });
  });
});
