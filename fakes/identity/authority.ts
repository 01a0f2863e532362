/**
 * The https token authority (`AZURE_AUTHORITY_HOST`): OIDC metadata and the client-credentials token
 * POST. Tenant `adfs` is what lets both MSALs skip instance discovery offline (wire-contracts §4.1 C).
 */
import type { FakeRequest, FakeResponse } from '../core/types.js';
import { identityErrorResponse } from './identity-errors.js';
import { issueToken } from './issue-token.js';
import { jsonResponse } from './managed-identity.js';
import { getRequestOrigin } from './request-origin.js';

/** OIDC discovery document; every URL is built from the Host header the client used. */
export function handleOpenIdConfiguration(request: FakeRequest, tenant: string, v2: boolean): FakeResponse {
  const { origin } = getRequestOrigin(request);
  const base = tenant === 'adfs' ? `${origin}/adfs` : `${origin}/${encodeURIComponent(tenant)}`;
  const oauth = tenant === 'adfs' ? `${base}/oauth2` : v2 ? `${base}/oauth2/v2.0` : `${base}/oauth2`;
  return jsonResponse({
    issuer: tenant === 'adfs' ? base : v2 ? `${base}/v2.0` : `${origin}/${tenant}/`,
    token_endpoint: `${oauth}/token`,
    authorization_endpoint: `${oauth}/authorize`,
    device_authorization_endpoint: `${oauth}/devicecode`,
    end_session_endpoint: `${oauth}/logout`,
    jwks_uri: `${base}/discovery/keys`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
    tenant_region_scope: null,
  });
}

/** Client credentials (secret or assertion): `{token_type, expires_in, ext_expires_in, access_token}`. */
export function handleClientCredentialsToken(request: FakeRequest, tenant: string, lifetimeMs: number): FakeResponse {
  const route = { kind: 'client_credentials', tenant } as const;
  const form = new URLSearchParams(request.body.toString('utf8'));
  const grantType = form.get('grant_type');
  if (!grantType) {
    return identityErrorResponse(
      route,
      400,
      'invalid_request',
      "AADSTS900144: The request body must contain the following parameter: 'grant_type'.",
      request,
    );
  }
  if (grantType !== 'client_credentials') {
    return identityErrorResponse(
      route,
      400,
      'unsupported_grant_type',
      `AADSTS70003: The app requested an unsupported grant type '${grantType}'.`,
      request,
    );
  }
  const clientId = form.get('client_id');
  if (!clientId) {
    return identityErrorResponse(
      route,
      400,
      'invalid_request',
      "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
      request,
    );
  }
  if (!form.get('client_secret') && !form.get('client_assertion')) {
    return identityErrorResponse(
      route,
      401,
      'invalid_client',
      "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' is required for " +
        "the 'client_credentials' grant type.",
      request,
    );
  }
  const audience = form.get('scope') ?? form.get('resource') ?? 'unknown';
  const token = issueToken({ nowMs: request.startedAtMs, lifetimeMs, audience, tenantId: tenant, subject: clientId });
  return jsonResponse({
    token_type: 'Bearer',
    expires_in: token.expiresInS,
    ext_expires_in: token.expiresInS,
    access_token: token.accessToken,
  });
}
