/**
 * Mints the identity fake's access tokens: JWT-shaped (so clients that peek at claims can), unsigned,
 * and unique per call.
 */
import { randomUUID } from 'node:crypto';

export interface IssueTokenOptions {
  /** Epoch ms of issue, from the fake's clock. */
  readonly nowMs: number;
  readonly lifetimeMs: number;
  /** `aud`: the resource (`https://monitor.azure.com`) or scope the token is for. */
  readonly audience: string;
  readonly tenantId?: string;
  /** `appid`/`sub`: the client or managed identity the token names. */
  readonly subject?: string;
}

export interface IssuedToken {
  readonly accessToken: string;
  /** Epoch seconds at which the token expires. */
  readonly expiresOnS: number;
  /** Whole seconds from issue to expiry. */
  readonly expiresInS: number;
  readonly notBeforeS: number;
}

const FAKE_ISSUER = 'https://identity.fake.invalid/';

/** @example issueToken({ nowMs: clock.now(), lifetimeMs: 3_600_000, audience: 'https://vault.azure.net' }) */
export function issueToken(options: IssueTokenOptions): IssuedToken {
  const notBeforeS = Math.floor(options.nowMs / 1_000);
  const expiresInS = Math.max(1, Math.floor(options.lifetimeMs / 1_000));
  const expiresOnS = notBeforeS + expiresInS;
  const header = { typ: 'JWT', alg: 'none' };
  const payload = {
    aud: options.audience,
    iss: FAKE_ISSUER,
    iat: notBeforeS,
    nbf: notBeforeS,
    exp: expiresOnS,
    tid: options.tenantId ?? 'fake-tenant',
    sub: options.subject ?? 'fake-managed-identity',
    appid: options.subject ?? 'fake-managed-identity',
    jti: randomUUID(),
  };
  const accessToken = [encodeSegment(header), encodeSegment(payload), 'ZmFrZS1zaWduYXR1cmU'].join('.');
  return { accessToken, expiresOnS, expiresInS, notBeforeS };
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
