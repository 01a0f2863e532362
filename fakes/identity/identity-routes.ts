/**
 * Which identity endpoint a request is for. One identity fake answers every token flow an SDK can be
 * pointed at offline (wire-contracts §4.1):
 *
 *   GET  …/msi/token?api-version=2019-08-01&resource=…        App Service MI (X-IDENTITY-HEADER)
 *   GET  /metadata/identity/oauth2/token[/]?resource=…         IMDS (Metadata: true)
 *   GET  /adfs/.well-known/openid-configuration                OIDC metadata, tenant `adfs`
 *   GET  /<tenant>/v2.0/.well-known/openid-configuration       OIDC metadata, GUID tenant
 *   POST /adfs/oauth2/token, /<tenant>/oauth2[/v2.0]/token     client credentials
 */

export type IdentityRoute =
  | { readonly kind: 'app_service' }
  | { readonly kind: 'imds' }
  | { readonly kind: 'openid_configuration'; readonly tenant: string; readonly v2: boolean }
  | { readonly kind: 'client_credentials'; readonly tenant: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export const OPERATION_GET_TOKEN = 'GetToken';
export const OPERATION_GET_OPENID_CONFIGURATION = 'GetOpenIdConfiguration';
/** Every operation `operationOf` can name. */
export const IDENTITY_OPERATIONS = [OPERATION_GET_TOKEN, OPERATION_GET_OPENID_CONFIGURATION, 'Unknown'] as const;
export type IdentityOperation = (typeof IDENTITY_OPERATIONS)[number];

const IMDS_PATH = /^\/metadata\/identity\/oauth2\/token\/?$/;
const OIDC_PATH = /^\/([^/]+)(\/v2\.0)?\/\.well-known\/openid-configuration\/?$/;
const TOKEN_PATH = /^\/([^/]+)\/oauth2(?:\/v2\.0)?\/token\/?$/;

/** @example matchIdentityRoute('GET', '/msi/token') // { kind: 'app_service' } */
export function matchIdentityRoute(method: string, path: string): IdentityRoute {
  if (/\/msi\/token\/?$/.test(path)) {
    return method === 'GET' ? { kind: 'app_service' } : unknown(`method ${method} not allowed on ${path}`);
  }
  if (IMDS_PATH.test(path)) {
    return method === 'GET' ? { kind: 'imds' } : unknown(`method ${method} not allowed on ${path}`);
  }
  const oidc = OIDC_PATH.exec(path);
  if (oidc) {
    return method === 'GET'
      ? { kind: 'openid_configuration', tenant: decodeSegment(oidc[1]), v2: oidc[2] !== undefined }
      : unknown(`method ${method} not allowed on ${path}`);
  }
  const token = TOKEN_PATH.exec(path);
  if (token) {
    return method === 'POST'
      ? { kind: 'client_credentials', tenant: decodeSegment(token[1]) }
      : unknown(`method ${method} not allowed on ${path}`);
  }
  return unknown(`no identity endpoint at ${path}`);
}

export function operationOf(route: IdentityRoute): IdentityOperation {
  switch (route.kind) {
    case 'openid_configuration':
      return OPERATION_GET_OPENID_CONFIGURATION;
    case 'unknown':
      return 'Unknown';
    default:
      return OPERATION_GET_TOKEN;
  }
}

function unknown(reason: string): IdentityRoute {
  return { kind: 'unknown', reason };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
