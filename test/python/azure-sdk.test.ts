/**
 * The real Python Azure SDKs (project venv) against the Azure fakes, configured by the environment
 * block alone: DefaultAzureCredential resolves through the App Service managed-identity fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPythonCheck } from '../fakes/azure/helpers/run-client.js';
import { startFakes, type StartedFakes } from '../../fakes/index.js';

interface PyResult {
  ok: boolean;
  value?: string;
  id?: string;
  version?: string;
  error?: { type: string; message: string; status_code: number | null };
}

let fakes: StartedFakes;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(async () => {
  await fakes?.stop();
});

describe('LogsIngestionClient.upload with DefaultAzureCredential', () => {
  it('uploads more than 1 MiB in several chunks, each accepted, every record stored once', async () => {
    const since = fakes.journal.total();
    const run = await runPythonCheck<PyResult>(
      'azure_logs_upload.py',
      { endpoint: fakes.endpoints.sentinel, rule_id: 'dcr-py', stream: 'Custom-Py_CL', record_count: 2_500, record_bytes: 1_000 },
      fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true });
    const uploads = fakes.journal.query({ sinceSeq: since, service: 'sentinel' });
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    expect(uploads.every((e) => e.operation === 'Upload' && e.status === 204)).toBe(true);
    const token = fakes.journal.query({ sinceSeq: since, service: 'identity' });
    expect(token.map((e) => [e.operation, e.path, e.status])).toEqual([['GetToken', '/msi/token', 200]]);
    expect(fakes.ingest.count()).toEqual({ total: 2_500, distinct: 2_500 });
  });
});

describe.each(['sync', 'aio'] as const)('SecretClient (%s)', (mode) => {
  it('sets and gets a secret through the challenge without any client option', async () => {
    const since = fakes.journal.total();
    const name = `py-${mode}`;
    const run = await runPythonCheck<PyResult>('azure_keyvault_get.py', { vault_url: fakes.endpoints.keyVault, name, mode, set_value: `value-${mode}` }, fakes.env);
    expect(run.result, run.stderr).toMatchObject({ ok: true, value: `value-${mode}` });
    expect(run.result.id).toBe(`${fakes.endpoints.keyVault}/secrets/${name}/${run.result.version}`);
    const kv = fakes.journal.query({ sinceSeq: since, service: 'keyvault' });
    expect(kv.map((e) => [e.operation, e.status])).toEqual([
      ['SetSecret', 401],
      ['SetSecret', 200],
      ['GetSecret', 200],
    ]);
  });

  it('gets a secret seeded through the store', async () => {
    fakes.keyVault.setSecret(`seeded-${mode}`, 'from-the-store');
    const run = await runPythonCheck<PyResult>('azure_keyvault_get.py', { vault_url: fakes.endpoints.keyVault, name: `seeded-${mode}`, mode }, fakes.env);
    expect(run.result, run.stderr).toMatchObject({ ok: true, value: 'from-the-store' });
  });
});

describe('token expiry', () => {
  it('makes the Python SDK fetch a new token for every chunk when tokens live under its 5-minute refresh margin', async () => {
    await using shortLived = await startFakes({ tokenLifetimeMs: 200_000 });
    const run = await runPythonCheck<PyResult>(
      'azure_logs_upload.py',
      { endpoint: shortLived.endpoints.sentinel, rule_id: 'dcr-py', stream: 'Custom-Expiry_CL', record_count: 2_500, record_bytes: 1_000 },
      shortLived.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: true });
    const sequence = shortLived.journal.query().map((e) => e.operation);
    const uploads = sequence.filter((op) => op === 'Upload').length;
    expect(uploads).toBeGreaterThanOrEqual(3);
    expect(sequence).toEqual(Array.from({ length: uploads }, () => ['GetToken', 'Upload']).flat());
  });
});
