/**
 * The Key Vault fake as a registered service: one https listener (`endpoints.keyVault`) whose
 * challenge points at the identity fake's authority, the secret-seeding control route,
 * `KEY_VAULT_URL`, and `StartedFakes.keyVault`.
 */
import { defineFakeService, type FakeServiceDeps } from '../core/fake-service.js';
import { createKeyVaultService } from './index.js';
import { createKeyVaultControlRoutes } from './keyvault-control-routes.js';
import { SECRET_OPERATIONS } from './secret-routes.js';
import type { SecretStore } from './secret-store.js';

/** Tenant named in the challenge; `adfs` keeps the JS and Python SDKs' authority checks happy offline. */
export const KEY_VAULT_TENANT_ID = 'adfs';

export interface KeyVaultFacade {
  /** Secrets of the Key Vault fake. */
  readonly keyVault: { setSecret(name: string, value: string): void; readonly store: SecretStore };
}

export const keyVaultFake = defineFakeService({
  name: 'keyvault',
  operations: SECRET_OPERATIONS,
  create({ clock, endpoints }: FakeServiceDeps<Record<never, never>>) {
    const authorityHost = endpoints.authority;
    if (authorityHost === undefined)
      throw new Error(
        'Failed to create the Key Vault fake: the identity authority endpoint is not started. ' +
          'List the identity fake before Key Vault in fakes/services.ts.',
      );
    const definition = createKeyVaultService({ clock, tenantId: KEY_VAULT_TENANT_ID, authorityHost });
    const { store } = definition;
    const setSecret = (name: string, value: string): void => void store.set(name, value);
    const facade: KeyVaultFacade = { keyVault: { setSecret, store } };
    return {
      definition,
      listeners: { keyVault: { tls: true, env: ({ url }) => ({ KEY_VAULT_URL: url }) } },
      controlRoutes: createKeyVaultControlRoutes({ seedSecret: setSecret }),
      facade,
    };
  },
});
