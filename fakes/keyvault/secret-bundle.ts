/**
 * JSON bodies of Key Vault secret operations. Ids are `<vault origin>/secrets/<name>/<version>`,
 * with the origin taken from the request's Host header: the SDKs parse the vault URL, name and
 * version back out of `id` (Python raises on a malformed one).
 */
import type { DeletedSecret, StoredSecretVersion } from './secret-store.js';

const RECOVERABLE_DAYS = 90;
const DAY_S = 86_400;

export function renderAttributes(secret: StoredSecretVersion): Record<string, unknown> {
  return {
    enabled: secret.attributes.enabled,
    ...(secret.attributes.notBeforeS === undefined ? {} : { nbf: secret.attributes.notBeforeS }),
    ...(secret.attributes.expiresS === undefined ? {} : { exp: secret.attributes.expiresS }),
    created: toSeconds(secret.createdAtMs),
    updated: toSeconds(secret.updatedAtMs),
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: RECOVERABLE_DAYS,
  };
}

/** Full bundle with the value (Get/Set). */
export function renderSecretBundle(origin: string, secret: StoredSecretVersion): Record<string, unknown> {
  return {
    value: secret.value,
    id: secretId(origin, secret.name, secret.version),
    ...(secret.contentType === undefined ? {} : { contentType: secret.contentType }),
    attributes: renderAttributes(secret),
    tags: secret.tags,
  };
}

/** List item without the value; `withVersion` for ListSecretVersions. */
export function renderSecretItem(
  origin: string,
  secret: StoredSecretVersion,
  withVersion: boolean,
): Record<string, unknown> {
  return {
    id: withVersion
      ? secretId(origin, secret.name, secret.version)
      : `${origin}/secrets/${encodeURIComponent(secret.name)}`,
    ...(secret.contentType === undefined ? {} : { contentType: secret.contentType }),
    attributes: renderAttributes(secret),
    tags: secret.tags,
  };
}

export function renderDeletedSecret(origin: string, deleted: DeletedSecret): Record<string, unknown> {
  const deletedDateS = toSeconds(deleted.deletedAtMs);
  return {
    ...renderSecretBundle(origin, deleted.latest),
    recoveryId: `${origin}/deletedsecrets/${encodeURIComponent(deleted.latest.name)}`,
    deletedDate: deletedDateS,
    scheduledPurgeDate: deletedDateS + RECOVERABLE_DAYS * DAY_S,
  };
}

function secretId(origin: string, name: string, version: string): string {
  return `${origin}/secrets/${encodeURIComponent(name)}/${version}`;
}

function toSeconds(ms: number): number {
  return Math.floor(ms / 1_000);
}
