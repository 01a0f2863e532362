/**
 * The Key Vault secrets fake, as one `ServiceDefinition`, with challenge-based authentication:
 *
 *   request without a bearer token ─▶ 401 + WWW-Authenticate (authority/tenant, resource: challenge.ts)
 *   request with one               ─▶ secret operation (secret-routes.ts) ─▶ JSON bundle or
 *                                     {"error":{"code":"SecretNotFound",…}}
 *
 * Any api-version is accepted (a missing one is 400). Ids and the challenge are built from the
 * request's Host header, so the fake works behind a TCP proxy on another port.
 *
 * @example
 *   const keyVault = createKeyVaultService({ clock: new SystemClock(), tenantId: 'adfs' });
 *   keyVault.store.set('sentinel-shared-key', 's3cr3t');
 *   await startFakeServer({ definition: keyVault, engine, journal, clock, tls });
 */
import type { Clock } from '../core/clock.js';
import type {
  ClassifiedRequest,
  FakeRequest,
  FakeRequestHead,
  FakeResponse,
  ServiceDefinition,
} from '../core/types.js';
import { readBearerToken } from '../identity/bearer-token.js';
import { getRequestOrigin } from '../identity/request-origin.js';
import { buildChallenge } from './challenge.js';
import { keyVaultErrorCode, keyVaultErrorResponse } from './keyvault-errors.js';
import { handleSecretCall } from './secret-handlers.js';
import { matchSecretRoute, type SecretOperation } from './secret-routes.js';
import { createSecretStore, type SecretStore } from './secret-store.js';

export { buildChallenge, challengeResource, DEFAULT_AUTHORITY_HOST, LOOPBACK_RESOURCE_SCHEME } from './challenge.js';
export { SECRET_OPERATIONS, type SecretOperation } from './secret-routes.js';
export type {
  DeletedSecret,
  SecretAttributes,
  SecretStore,
  SetSecretOptions,
  StoredSecretVersion,
} from './secret-store.js';
export { createSecretStore } from './secret-store.js';

export interface KeyVaultServiceOptions {
  readonly clock: Clock;
  /** Tenant named in the challenge; make it equal `AZURE_TENANT_ID` when clients use a service principal. */
  readonly tenantId: string;
  /** Authority in the challenge (`authorization="<authorityHost>/<tenantId>"`); default login.microsoftonline.com. */
  readonly authorityHost?: string;
}

/** A `ServiceDefinition` whose handler is synchronous, plus the secrets it serves. */
export interface KeyVaultService extends ServiceDefinition<SecretOperation> {
  readonly store: SecretStore;
  handle(request: FakeRequest, classified?: ClassifiedRequest): FakeResponse;
}

export function createKeyVaultService(options: KeyVaultServiceOptions): KeyVaultService {
  const store = createSecretStore(options.clock);
  const challengeOptions = {
    tenantId: options.tenantId,
    ...(options.authorityHost === undefined ? {} : { authorityHost: options.authorityHost }),
  };

  return {
    service: 'keyvault',
    store,

    classify(request: FakeRequestHead): ClassifiedRequest<SecretOperation> {
      const route = matchSecretRoute(request.method, request.path);
      return { operation: route.operation, ...(route.name === undefined ? {} : { secretName: route.name }) };
    },

    handle(request: FakeRequest): FakeResponse {
      if (readBearerToken(request.headers) === undefined) {
        const message = request.headers.authorization
          ? 'AKV10022: Invalid audience or malformed bearer token.'
          : 'AKV10000: Request is missing a Bearer or PoP token.';
        return keyVaultErrorResponse(
          401,
          'Unauthorized',
          message,
          request.requestId,
          buildChallenge(request, challengeOptions),
        );
      }
      if (!request.query.get('api-version')) {
        return keyVaultErrorResponse(
          400,
          'BadParameter',
          'The api-version query parameter is missing.',
          request.requestId,
        );
      }
      return handleSecretCall(store, {
        route: matchSecretRoute(request.method, request.path),
        origin: getRequestOrigin(request).origin,
        body: request.body,
        query: request.query,
        requestId: request.requestId,
      });
    },

    errorResponse(status: number, code: string | undefined, message: string, request: FakeRequestHead): FakeResponse {
      return keyVaultErrorResponse(
        status,
        code ?? keyVaultErrorCode(status),
        message,
        request.requestId,
        buildChallenge(request, challengeOptions),
      );
    },

    defaultErrorCode(status: number): string {
      return keyVaultErrorCode(status);
    },

    resetState(): void {
      store.clear();
    },
  };
}
