/**
 * The identity fake as a registered service, served twice: on http for managed identity
 * (`endpoints.identity`, `IDENTITY_ENDPOINT=http://127.0.0.1:p/msi/token`) and on https as the token
 * authority (`endpoints.authority`, tenant `adfs`), which the Key Vault challenge names.
 */
import { defineFakeService, type FakeServiceDeps } from '../core/fake-service.js';
import { IDENTITY_OPERATIONS } from './identity-routes.js';
import { createIdentityService } from './index.js';

export interface IdentityFakeOptions {
  /** Lifetime of identity tokens. Default 1 h. */
  readonly tokenLifetimeMs?: number;
}

/** Fixed value of `IDENTITY_HEADER`; the fake accepts any value, SDKs only need one to be set. */
export const FAKE_IDENTITY_HEADER = 'chaos-fake-identity-header';

export const identityFake = defineFakeService({
  name: 'identity',
  operations: IDENTITY_OPERATIONS,
  create({ clock, options }: FakeServiceDeps<IdentityFakeOptions>) {
    const definition = createIdentityService({
      clock,
      identityHeader: FAKE_IDENTITY_HEADER,
      ...(options.tokenLifetimeMs !== undefined && { tokenLifetimeMs: options.tokenLifetimeMs }),
    });
    return {
      definition,
      listeners: {
        identity: {
          tls: false,
          path: '/msi/token',
          env: ({ url }) => ({
            IDENTITY_ENDPOINT: url,
            IDENTITY_HEADER: FAKE_IDENTITY_HEADER,
            AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
          }),
        },
        authority: { tls: true },
      },
      facade: {},
    };
  },
});
