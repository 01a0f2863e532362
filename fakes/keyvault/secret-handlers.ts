/**
 * Answers one authenticated Key Vault secret operation from the store.
 */
import type { FakeResponse } from '../core/types.js';
import { keyVaultErrorCode, keyVaultErrorResponse } from './keyvault-errors.js';
import { renderDeletedSecret, renderSecretBundle, renderSecretItem } from './secret-bundle.js';
import type { SecretRoute } from './secret-routes.js';
import type { SecretStore, SetSecretOptions } from './secret-store.js';

export interface SecretCall {
  readonly route: SecretRoute;
  readonly origin: string;
  readonly body: Buffer;
  readonly query: URLSearchParams;
  readonly requestId: string;
}

const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const DEFAULT_PAGE_SIZE = 25;

export function handleSecretCall(store: SecretStore, call: SecretCall): FakeResponse {
  const { route, origin } = call;
  const fail = (status: number, message: string, code = keyVaultErrorCode(status)): FakeResponse =>
    keyVaultErrorResponse(status, code, message, call.requestId);
  const name = route.name ?? '';
  const notFound = (): FakeResponse =>
    fail(
      404,
      `A secret with (name/id) ${route.version ? `${name}/${route.version}` : name} was not found in this key vault.`,
      'SecretNotFound',
    );

  switch (route.operation) {
    case 'SetSecret': {
      if (!SECRET_NAME.test(name))
        return fail(400, `The secret name '${name}' is invalid: use 1-127 letters, digits and dashes.`);
      const parsed = parseSetSecretBody(call.body);
      if ('error' in parsed) return fail(400, parsed.error);
      if (store.getDeleted(name) && !store.getVersion(name)) {
        return fail(
          409,
          `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; ` +
            'purge or recover it first.',
          'Conflict',
        );
      }
      return json(renderSecretBundle(origin, store.set(name, parsed.value, parsed.options)));
    }
    case 'GetSecret': {
      const secret = store.getVersion(name, route.version);
      if (!secret) return notFound();
      if (!secret.attributes.enabled)
        return fail(403, 'Operation get is not allowed on a disabled secret.', 'Forbidden');
      return json(renderSecretBundle(origin, secret));
    }
    case 'ListSecrets':
      return json(
        page(
          store.list().map((s) => renderSecretItem(origin, s, false)),
          call,
          `${origin}/secrets`,
        ),
      );
    case 'ListSecretVersions': {
      const versions = store.versions(name);
      if (versions.length === 0) return notFound();
      return json(
        page(
          versions.map((s) => renderSecretItem(origin, s, true)),
          call,
          `${origin}/secrets/${encodeURIComponent(name)}/versions`,
        ),
      );
    }
    case 'DeleteSecret': {
      const deleted = store.delete(name);
      return deleted ? json(renderDeletedSecret(origin, deleted)) : notFound();
    }
    case 'GetDeletedSecret': {
      const deleted = store.getDeleted(name);
      return deleted
        ? json(renderDeletedSecret(origin, deleted))
        : fail(404, `Deleted Secret not found: ${name}.`, 'SecretNotFound');
    }
    case 'PurgeDeletedSecret':
      return store.purge(name) ? { status: 204 } : fail(404, `Deleted Secret not found: ${name}.`, 'SecretNotFound');
    case 'Unknown':
      return route.unknownStatus === 405
        ? fail(405, 'The requested method is not allowed on this resource.')
        : fail(404, 'The requested resource was not found.', 'NotFound');
  }
}

function parseSetSecretBody(body: Buffer): { value: string; options: SetSecretOptions } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { error: 'The request body is not valid JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { value?: unknown }).value !== 'string') {
    return { error: "The request body must be a JSON object with a string 'value'." };
  }
  const { value, contentType, tags, attributes } = parsed as {
    value: string;
    contentType?: unknown;
    tags?: unknown;
    attributes?: Record<string, unknown>;
  };
  const attrs = typeof attributes === 'object' && attributes !== null ? attributes : {};
  return {
    value,
    options: {
      ...(typeof contentType === 'string' ? { contentType } : {}),
      ...(isStringRecord(tags) ? { tags } : {}),
      attributes: {
        ...(typeof attrs.enabled === 'boolean' ? { enabled: attrs.enabled } : {}),
        ...(typeof attrs.nbf === 'number' ? { notBeforeS: attrs.nbf } : {}),
        ...(typeof attrs.exp === 'number' ? { expiresS: attrs.exp } : {}),
      },
    },
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

/** One page of a list, with a `nextLink` carrying `$skiptoken` and `maxresults` when more remain. */
function page(items: readonly Record<string, unknown>[], call: SecretCall, baseUrl: string): Record<string, unknown> {
  const skip = Math.max(0, Number.parseInt(call.query.get('$skiptoken') ?? '0', 10) || 0);
  const size = Math.min(
    DEFAULT_PAGE_SIZE,
    Math.max(1, Number.parseInt(call.query.get('maxresults') ?? '', 10) || DEFAULT_PAGE_SIZE),
  );
  const value = items.slice(skip, skip + size);
  if (skip + size >= items.length) return { value, nextLink: null };
  const next = new URLSearchParams({
    'api-version': call.query.get('api-version') ?? '',
    $skiptoken: String(skip + size),
    maxresults: String(size),
  });
  return { value, nextLink: `${baseUrl}?${next.toString()}` };
}

function json(body: unknown, status = 200): FakeResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}
