/**
 * The Key Vault authentication challenge:
 * `WWW-Authenticate: Bearer authorization="<authority>/<tenant>", resource="<resource>"`.
 *
 * Both SDKs check that the vault host ends with "." + the resource host before asking for a token
 * (wire-contracts §3.3): Python compares netlocs *with* the port, JS compares WHATWG hostnames.
 * The resource is derived from the Host header so the check passes without client options:
 *
 *   vault host            resource                   why
 *   127.0.0.1:8443        kv-loopback://0.0.1:8443   Python: "127.0.0.1:8443" ends with ".0.0.1:8443".
 *                                                    JS: a non-special scheme keeps "0.0.1" an opaque
 *                                                    host; with https WHATWG would rewrite it to
 *                                                    "0.0.0.1" and no IP-literal vault could pass.
 *   myvault.localhost:8443  https://localhost:8443   the documented recipe (needs name resolution)
 *   localhost:8443        https://vault.azure.net    nothing can pass: no dot in the host. Clients
 *                                                    must disable challenge verification.
 *
 * @note The token scope the SDKs then request is `<resource>/.default`, so the identity fake sees
 * `resource=kv-loopback://0.0.1:8443` for a loopback vault. Nothing checks audiences here.
 */
import type { FakeRequest } from '../core/types.js';
import { getRequestOrigin } from '../identity/request-origin.js';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const LOOPBACK_RESOURCE_SCHEME = 'kv-loopback';
const PUBLIC_RESOURCE = 'https://vault.azure.net';
const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;

export interface ChallengeOptions {
  readonly tenantId: string;
  /** Authority in `authorization="…"`; only its tenant path segment is used by the SDKs. */
  readonly authorityHost?: string;
}

/** The resource to name in the challenge for the vault host the client used. */
export function challengeResource(request: Pick<FakeRequest, 'headers' | 'raw'>): string {
  const { hostname, port } = getRequestOrigin(request);
  const portSuffix = port === undefined ? '' : `:${port}`;
  const dot = hostname.indexOf('.');
  if (dot < 0 || hostname.startsWith('[')) return PUBLIC_RESOURCE;
  const parent = hostname.slice(dot + 1);
  if (IPV4_LITERAL.test(hostname)) return `${LOOPBACK_RESOURCE_SCHEME}://${parent}${portSuffix}`;
  return `https://${parent}${portSuffix}`;
}

export function buildChallenge(request: Pick<FakeRequest, 'headers' | 'raw'>, options: ChallengeOptions): string {
  const authority = (options.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
  return `Bearer authorization="${authority}/${options.tenantId}", resource="${challengeResource(request)}"`;
}
