/**
 * The real Python Azure SDKs (project venv) against the Azure shared.fakes, configured by the environment
 * block alone: DefaultAzureCredential resolves through the App Service managed-identity fake.
 */
import { describe, expect, it } from 'vitest';
import { startFakes } from '../../fakes/index.js';
import { runPythonCheck } from '../fakes/azure/helpers/run-client.js';
import { useSharedFakes } from '../helpers/shared-fakes.js';

interface PyResult {
  ok: boolean;
  value?: string;
  id?: string;
  version?: string;
  error?: { type: string; message: string; status_code: number | null };
}

const shared = useSharedFakes();

describe('LogsIngestionClient.upload with DefaultAzureCredential', () => {
  it('uploads more than 1 MiB in several chunks, each accepted, every record stored once', async () => {
    const since = shared.fakes.journal.total();
    const run = await runPythonCheck<PyResult>(
      'azure_logs_upload.py',
      {
        endpoint: shared.fakes.endpoints.sentinel,
        rule_id: 'dcr-py',
        stream: 'Custom-Py_CL',
        record_count: 2_500,
        record_bytes: 1_000,
      },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true });
    const uploads = shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' });
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    expect(uploads.every((e) => e.operation === 'Upload' && e.status === 204)).toBe(true);
    const token = shared.fakes.journal.query({ sinceSeq: since, service: 'identity' });
    expect(token.map((e) => [e.operation, e.path, e.status])).toEqual([['GetToken', '/msi/token', 200]]);
    expect(shared.fakes.ingest.count()).toEqual({ total: 2_500, distinct: 2_500 });
  });
});

describe.each(['sync', 'aio'] as const)('SecretClient (%s)', (mode) => {
  it('sets and gets a secret through the challenge without any client option', async () => {
    const since = shared.fakes.journal.total();
    const name = `py-${mode}`;
    const run = await runPythonCheck<PyResult>(
      'azure_keyvault_get.py',
      { vault_url: shared.fakes.endpoints.keyVault, name, mode, set_value: `value-${mode}` },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true, value: `value-${mode}` });
    expect(run.result.id).toBe(`${shared.fakes.endpoints.keyVault}/secrets/${name}/${run.result.version}`);
    const kv = shared.fakes.journal.query({ sinceSeq: since, service: 'keyvault' });
    expect(kv.map((e) => [e.operation, e.status])).toEqual([
      ['SetSecret', 401],
      ['SetSecret', 200],
      ['GetSecret', 200],
    ]);
  });

  it('gets a secret seeded through the store', async () => {
    shared.fakes.keyVault.setSecret(`seeded-${mode}`, 'from-the-store');
    const run = await runPythonCheck<PyResult>(
      'azure_keyvault_get.py',
      { vault_url: shared.fakes.endpoints.keyVault, name: `seeded-${mode}`, mode },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true, value: 'from-the-store' });
  });
});

describe('token expiry', () => {
  const expiryCase =
    'makes the Python SDK fetch a new token for every chunk when tokens live under its 5-minute refresh margin';
  it(expiryCase, async () => {
    await using shortLived = await startFakes({ tokenLifetimeMs: 200_000 });
    const run = await runPythonCheck<PyResult>(
      'azure_logs_upload.py',
      {
        endpoint: shortLived.endpoints.sentinel,
        rule_id: 'dcr-py',
        stream: 'Custom-Expiry_CL',
        record_count: 2_500,
        record_bytes: 1_000,
      },
      shortLived.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true });
    const sequence = shortLived.journal.query().map((e) => e.operation);
    const uploads = sequence.filter((op) => op === 'Upload').length;
    expect(uploads).toBeGreaterThanOrEqual(3);
    expect(sequence).toEqual(Array.from({ length: uploads }, () => ['GetToken', 'Upload']).flat());
  });
});
