/**
 * Faults on the Azure fakes as the real Python SDKs see them (wire-contracts §6.5, §6.7).
 * Rules are cleared after each test; tests in this file run one after another.
 */
import { describe, expect, it } from 'vitest';
import { runPythonCheck } from '../fakes/azure/helpers/run-client.js';
import { useSharedFakes } from '../helpers/shared-fakes.js';

interface PyResult {
  ok: boolean;
  value?: string;
  error?: { type: string; message: string; status_code: number | null };
}

/** Clock granularity between the fake's arrival stamps; a retry can never come earlier than this. */
const SPACING_TOLERANCE_MS = 5;

const shared = useSharedFakes({ clearFaultsAfterEach: true });

function upload(stream: string, recordCount = 10) {
  return runPythonCheck<PyResult>(
    'azure_logs_upload.py',
    {
      endpoint: shared.fakes.endpoints.sentinel,
      rule_id: 'dcr-faults',
      stream,
      record_count: recordCount,
      record_bytes: 100,
    },
    shared.fakes.env,
  );
}

describe('Logs Ingestion faults seen by LogsIngestionClient', () => {
  it('retries a POST answered 429 + Retry-After: 1 four times in all, spaced by at least the hint', async () => {
    const rule = shared.fakes.faults.add({
      target: { service: 'sentinel', operation: 'Upload', stream: 'Custom-Throttled_CL' },
      effect: { kind: 'http_error', status: 429, retryAfterSeconds: 1 },
    });
    const since = shared.fakes.journal.total();
    const run = await upload('Custom-Throttled_CL');
    expect(run.result, run.stderr).toMatchObject({ ok: false, error: { type: 'HttpResponseError', status_code: 429 } });
    const attempts = shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' });
    expect(attempts.map((e) => [e.status, e.faultRuleId])).toEqual(Array(4).fill([429, rule.id]));
    for (let i = 1; i < attempts.length; i++) {
      const previous = attempts[i - 1]!;
      expect(attempts[i]!.startedAtMs - (previous.startedAtMs + previous.durationMs)).toBeGreaterThanOrEqual(
        1_000 - SPACING_TOLERANCE_MS,
      );
    }
  });

  it('surfaces an injected 401 as ClientAuthenticationError', async () => {
    shared.fakes.faults.add({
      target: { service: 'sentinel', operation: 'Upload' },
      effect: { kind: 'http_error', status: 401 },
    });
    const run = await upload('Custom-Auth_CL');
    expect(run.result, run.stderr).toMatchObject({
      ok: false,
      error: { type: 'ClientAuthenticationError', status_code: 401 },
    });
  });

  it('stores duplicates when a committed upload fails with 503 and the SDK retries it', async () => {
    const stream = 'Custom-Commit_CL';
    shared.fakes.faults.add({
      target: { service: 'sentinel', operation: 'Upload', stream },
      effect: { kind: 'commit_then_fail', status: 503 },
      schedule: { kind: 'first', count: 1 },
    });
    const run = await upload(stream, 20);
    expect(run.result, run.stderr).toMatchObject({ ok: true });
    const stored = shared.fakes.ingest.records({ stream });
    expect(stored).toHaveLength(40);
    expect(new Set(stored.map((r) => r.requestId)).size).toBe(2);
    expect(new Set(stored.map((r) => r.record.n)).size).toBe(20);
  });
});

describe('Key Vault faults seen by SecretClient', () => {
  it('surfaces an injected 403 on GetSecret as an HttpResponseError with status 403 after one attempt', async () => {
    shared.fakes.keyVault.setSecret('forbidden', 'x');
    shared.fakes.faults.add({
      target: { service: 'keyvault', operation: 'GetSecret', secretName: 'forbidden' },
      effect: { kind: 'http_error', status: 403 },
    });
    const since = shared.fakes.journal.total();
    const run = await runPythonCheck<PyResult>(
      'azure_keyvault_get.py',
      { vault_url: shared.fakes.endpoints.keyVault, name: 'forbidden', mode: 'sync' },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({ ok: false, error: { type: 'HttpResponseError', status_code: 403 } });
    expect(shared.fakes.journal.query({ sinceSeq: since, service: 'keyvault' }).map((e) => e.status)).toEqual([403]);
  });
});

describe.each(['sync', 'aio'] as const)('Key Vault 401 after authentication (%s)', (mode) => {
  it('re-authenticates once, then raises ClientAuthenticationError', async () => {
    shared.fakes.keyVault.setSecret(`warmup-${mode}`, 'ok');
    shared.fakes.keyVault.setSecret(`revoked-${mode}`, 'x');
    shared.fakes.faults.add({
      target: { service: 'keyvault', operation: 'GetSecret', secretName: `revoked-${mode}` },
      effect: { kind: 'http_error', status: 401 },
    });
    const since = shared.fakes.journal.total();
    const run = await runPythonCheck<PyResult>(
      'azure_keyvault_get.py',
      { vault_url: shared.fakes.endpoints.keyVault, name: `revoked-${mode}`, warmup_name: `warmup-${mode}`, mode },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({
      ok: false,
      error: { type: 'ClientAuthenticationError', status_code: 401 },
    });
    // The challenge cache is per process, so warmup pays the challenge; revoked: 401 → re-auth → 401.
    const kv = shared.fakes.journal.query({ sinceSeq: since, service: 'keyvault' });
    expect(kv.map((e) => [e.secretName, e.status])).toEqual([
      [`warmup-${mode}`, 401],
      [`warmup-${mode}`, 200],
      [`revoked-${mode}`, 401],
      [`revoked-${mode}`, 401],
    ]);
  });
});

describe('identity faults seen by DefaultAzureCredential', () => {
  it('turns GetToken 503s into a credential error after the managed-identity retries', async () => {
    shared.fakes.faults.add({
      target: { service: 'identity', operation: 'GetToken' },
      effect: { kind: 'http_error', status: 503 },
    });
    const since = shared.fakes.journal.total();
    const run = await upload('Custom-NoToken_CL');
    expect(run.result, run.stderr).toMatchObject({ ok: false, error: { type: 'ClientAuthenticationError' } });
    expect(run.result.error!.message).toMatch(/DefaultAzureCredential|ManagedIdentityCredential/);
    const tokenCalls = shared.fakes.journal.query({ sinceSeq: since, service: 'identity' });
    // azure-core retries the MI GET on 503: 4 attempts (0, 1.6, 3.2 s; wire-contracts §6.7).
    expect(tokenCalls).toHaveLength(4);
    expect(tokenCalls.every((e) => e.status === 503)).toBe(true);
    expect(shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' })).toEqual([]);
  });
});
