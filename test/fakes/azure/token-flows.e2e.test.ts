/**
 * Token flows other than App Service MI (which the other SDK tests use), configured by environment
 * alone (wire-contracts §4.1):
 * - a service principal (client secret) on the https authority with tenant `adfs`, so both MSALs
 *   skip instance discovery; the Key Vault challenge names tenant `adfs` too (no multi-tenant refusal);
 * - IMDS reached through `AZURE_POD_IDENTITY_AUTHORITY_HOST` (msal-node adds a trailing slash).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedFakes, startFakes } from '../../../fakes/index.js';
import { runNodeClient, runPythonCheck } from './helpers/run-client.js';

let fakes: StartedFakes;
let env: Record<string, string>;
let trust: Record<string, string>;
beforeAll(async () => {
  fakes = await startFakes();
  const { REQUESTS_CA_BUNDLE, SSL_CERT_FILE, NODE_EXTRA_CA_CERTS } = fakes.env;
  trust = {
    REQUESTS_CA_BUNDLE: REQUESTS_CA_BUNDLE!,
    SSL_CERT_FILE: SSL_CERT_FILE!,
    NODE_EXTRA_CA_CERTS: NODE_EXTRA_CA_CERTS!,
  };
  env = {
    ...trust,
    AZURE_TENANT_ID: 'adfs',
    AZURE_CLIENT_ID: 'chaos-app',
    AZURE_CLIENT_SECRET: 'chaos-secret',
    AZURE_AUTHORITY_HOST: fakes.endpoints.authority,
    AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential',
  };
});
afterAll(async () => {
  await fakes?.stop();
});

describe('client credentials through the https authority', () => {
  it('lets @azure/keyvault-secrets set and get with EnvironmentCredential', async () => {
    const since = fakes.journal.total();
    const run = await runNodeClient<{ ok: boolean; got?: { value: string } }>(
      'keyvault-set-get.ts',
      { vaultUrl: fakes.endpoints.keyVault, name: 'sp-js', value: 'v' },
      env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true, got: { value: 'v' } });
    const identity = fakes.journal.query({ sinceSeq: since, service: 'identity' });
    expect(identity.map((e) => [e.operation, e.method, e.path, e.status])).toEqual([
      ['GetOpenIdConfiguration', 'GET', '/adfs/.well-known/openid-configuration', 200],
      ['GetToken', 'POST', '/adfs/oauth2/token', 200],
    ]);
  });

  it.each(['sync', 'aio'] as const)(
    'lets the Python SecretClient (%s) get a secret with EnvironmentCredential',
    async (mode) => {
      fakes.keyVault.setSecret(`sp-${mode}`, 'from-store');
      const since = fakes.journal.total();
      const run = await runPythonCheck<{ ok: boolean; value?: string }>(
        'azure_keyvault_get.py',
        { vault_url: fakes.endpoints.keyVault, name: `sp-${mode}`, mode },
        env,
      );
      expect(run.result, run.stderr).toMatchObject({ ok: true, value: 'from-store' });
      const tokens = fakes.journal.query({ sinceSeq: since, service: 'identity', operation: 'GetToken' });
      expect(tokens.map((e) => [e.method, e.status])).toEqual([['POST', 200]]);
    },
  );
});

describe('IMDS through AZURE_POD_IDENTITY_AUTHORITY_HOST', () => {
  const imdsEnv = () => ({
    ...trust,
    AZURE_POD_IDENTITY_AUTHORITY_HOST: new URL(fakes.endpoints.identity).origin,
    AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
  });

  it('lets @azure/keyvault-secrets get a token from IMDS (trailing-slash path)', async () => {
    fakes.keyVault.setSecret('imds-js', 'v');
    const since = fakes.journal.total();
    const run = await runNodeClient<{ ok: boolean; got?: { value: string } }>(
      'keyvault-set-get.ts',
      { vaultUrl: fakes.endpoints.keyVault, name: 'imds-js' },
      imdsEnv(),
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true, got: { value: 'v' } });
    const tokens = fakes.journal.query({ sinceSeq: since, service: 'identity' });
    expect(tokens.map((e) => [e.operation, e.path, e.status])).toEqual([
      ['GetToken', '/metadata/identity/oauth2/token/', 200],
    ]);
  });

  it.each(['sync', 'aio'] as const)('lets the Python SecretClient (%s) get a token from IMDS', async (mode) => {
    fakes.keyVault.setSecret(`imds-${mode}`, 'v');
    const since = fakes.journal.total();
    const run = await runPythonCheck<{ ok: boolean; value?: string }>(
      'azure_keyvault_get.py',
      { vault_url: fakes.endpoints.keyVault, name: `imds-${mode}`, mode },
      imdsEnv(),
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true, value: 'v' });
    const tokens = fakes.journal.query({ sinceSeq: since, service: 'identity' });
    expect(tokens.map((e) => [e.operation, e.path, e.status])).toEqual([
      ['GetToken', '/metadata/identity/oauth2/token', 200],
    ]);
  });
});
