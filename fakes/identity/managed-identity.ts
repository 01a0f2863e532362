/**
 * Managed-identity token endpoints: App Service (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`) and IMDS
 * (reached through `AZURE_POD_IDENTITY_AUTHORITY_HOST`). Both answer GET with `resource=` in the query.
 */
import type { FakeRequest, FakeResponse } from '../core/types.js';
import { identityErrorResponse } from './identity-errors.js';
import type { IdentityRoute } from './identity-routes.js';
import { issueToken } from './issue-token.js';

export interface ManagedIdentityOptions {
  readonly lifetimeMs: number;
  /** When set, an App Service request whose X-IDENTITY-HEADER differs gets 401. */
  readonly identityHeader?: string;
}

/** App Service MI, api-version 2019-08-01: `expires_on` is an epoch-seconds string. */
export function handleAppServiceToken(request: FakeRequest, options: ManagedIdentityOptions): FakeResponse {
  const route: IdentityRoute = { kind: 'app_service' };
  const header = request.headers['x-identity-header'];
  if (typeof header !== 'string' || header === '') {
    return identityErrorResponse(route, 400, 'invalid_request', 'The X-IDENTITY-HEADER header is missing.', request);
  }
  if (options.identityHeader !== undefined && header !== options.identityHeader) {
    return identityErrorResponse(
      route,
      401,
      'unauthorized',
      'The X-IDENTITY-HEADER value is not the one this endpoint issued.',
      request,
    );
  }
  const resource = request.query.get('resource');
  if (!resource) {
    return identityErrorResponse(route, 400, 'invalid_request', 'The resource query parameter is missing.', request);
  }
  if (!request.query.get('api-version')) {
    return identityErrorResponse(route, 400, 'invalid_request', 'The api-version query parameter is missing.', request);
  }
  const clientId = request.query.get('client_id') ?? 'fake-managed-identity';
  const token = issueToken({
    nowMs: request.startedAtMs,
    lifetimeMs: options.lifetimeMs,
    audience: resource,
    subject: clientId,
  });
  return jsonResponse({
    access_token: token.accessToken,
    expires_on: String(token.expiresOnS),
    resource,
    token_type: 'Bearer',
    client_id: clientId,
  });
}

/** IMDS: requires `Metadata: true`; answers with `expires_in` too (MSAL Python's VM path needs it). */
export function handleImdsToken(request: FakeRequest, options: ManagedIdentityOptions): FakeResponse {
  const route: IdentityRoute = { kind: 'imds' };
  if (String(request.headers.metadata).toLowerCase() !== 'true') {
    return identityErrorResponse(route, 400, 'invalid_request', 'Required metadata header not specified', request);
  }
  const resource = request.query.get('resource');
  if (!resource) {
    return identityErrorResponse(route, 400, 'invalid_request', 'Required query variable resource is missing', request);
  }
  const clientId = request.query.get('client_id') ?? 'fake-managed-identity';
  const token = issueToken({
    nowMs: request.startedAtMs,
    lifetimeMs: options.lifetimeMs,
    audience: resource,
    subject: clientId,
  });
  return jsonResponse({
    access_token: token.accessToken,
    refresh_token: '',
    expires_in: String(token.expiresInS),
    expires_on: String(token.expiresOnS),
    ext_expires_in: String(token.expiresInS),
    not_before: String(token.notBeforeS),
    resource,
    token_type: 'Bearer',
    client_id: clientId,
  });
}

export function jsonResponse(body: unknown, status = 200): FakeResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}
