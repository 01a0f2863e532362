/**
 * Reads the bearer token of a data-plane request (Key Vault, Logs Ingestion).
 *
 * @note Any well-formed `Bearer <token68>` is accepted; the token is not checked against the identity
 * fake's issue list nor its expiry. Clients and fakes may run on differently scaled clocks
 * (`ScaledClock`), and a fake that rejected a token the client still believes valid would produce
 * 401 storms no real service produces. Expiry is exercised through the identity fake's
 * `tokenLifetimeMs` instead; auth failures through injected 401/403 faults.
 */
import type { IncomingHttpHeaders } from 'node:http';

const BEARER_PATTERN = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token, or undefined when Authorization is missing or not a well-formed bearer credential. */
export function readBearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  return BEARER_PATTERN.exec(value)?.[1];
}
