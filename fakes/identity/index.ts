/**
 * The identity fake: every token endpoint an Azure SDK can be pointed at offline, as one
 * `ServiceDefinition`. The fakes bundle serves it twice: on http for managed identity
 * (`IDENTITY_ENDPOINT=http://127.0.0.1:p/msi/token`) and on https as the token authority
 * (`AZURE_AUTHORITY_HOST=https://127.0.0.1:p`, tenant `adfs`).
 *
 * Operations: `GetToken` (App Service MI, IMDS, client-credentials POST) and
 * `GetOpenIdConfiguration` (OIDC metadata); anything else is `Unknown` → 404.
 *
 * @example
 *   const identity = createIdentityService({ clock: new SystemClock(), tokenLifetimeMs: 600_000 });
 *   await startFakeServer({ definition: identity, engine, journal, clock });
 */
import type { Clock } from '../core/clock.js';
import type {
  ClassifiedRequest,
  FakeRequest,
  FakeRequestHead,
  FakeResponse,
  ServiceDefinition,
} from '../core/types.js';
import { handleClientCredentialsToken, handleOpenIdConfiguration } from './authority.js';
import { identityErrorCode, identityErrorResponse } from './identity-errors.js';
import { type IdentityOperation, matchIdentityRoute, operationOf } from './identity-routes.js';
import { handleAppServiceToken, handleImdsToken } from './managed-identity.js';

export { readBearerToken } from './bearer-token.js';
export {
  IDENTITY_OPERATIONS,
  type IdentityOperation,
  OPERATION_GET_OPENID_CONFIGURATION,
  OPERATION_GET_TOKEN,
} from './identity-routes.js';
export { getRequestOrigin, type RequestOrigin } from './request-origin.js';

export interface IdentityServiceOptions {
  readonly clock: Clock;
  /** Lifetime of every issued token; default 1 h. Below 5 min, SDKs fetch a token on every call. */
  readonly tokenLifetimeMs?: number;
  /** When set, App Service MI requests must carry this X-IDENTITY-HEADER value (else 401). */
  readonly identityHeader?: string;
}

export const DEFAULT_TOKEN_LIFETIME_MS = 3_600_000;

/** A `ServiceDefinition` whose handler is synchronous. */
export interface IdentityService extends ServiceDefinition<IdentityOperation> {
  handle(request: FakeRequest, classified?: ClassifiedRequest): FakeResponse;
}

export function createIdentityService(options: IdentityServiceOptions): IdentityService {
  const lifetimeMs = options.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
  if (!(lifetimeMs >= 1_000) || !Number.isFinite(lifetimeMs)) {
    throw new RangeError(
      `Failed to create the identity fake: tokenLifetimeMs must be a finite number >= 1000, got ${lifetimeMs}.`,
    );
  }
  const managed = {
    lifetimeMs,
    ...(options.identityHeader === undefined ? {} : { identityHeader: options.identityHeader }),
  };

  return {
    service: 'identity',

    classify(request: FakeRequestHead): ClassifiedRequest<IdentityOperation> {
      return { operation: operationOf(matchIdentityRoute(request.method, request.path)) };
    },

    handle(request: FakeRequest): FakeResponse {
      const route = matchIdentityRoute(request.method, request.path);
      switch (route.kind) {
        case 'app_service':
          return handleAppServiceToken(request, managed);
        case 'imds':
          return handleImdsToken(request, managed);
        case 'openid_configuration':
          return handleOpenIdConfiguration(request, route.tenant, route.v2);
        case 'client_credentials':
          return handleClientCredentialsToken(request, route.tenant, lifetimeMs);
        case 'unknown':
          return identityErrorResponse(
            route,
            404,
            'not_found',
            `Failed to route the request: ${route.reason}.`,
            request,
          );
      }
    },

    errorResponse(status: number, code: string | undefined, message: string, request: FakeRequestHead): FakeResponse {
      const route = matchIdentityRoute(request.method, request.path);
      return identityErrorResponse(route, status, code ?? identityErrorCode(status), message, request);
    },

    defaultErrorCode(status: number): string {
      return identityErrorCode(status);
    },
  };
}
