/**
 * Faults on the Azure fakes as the real JS SDKs see them (wire-contracts §6.6, §6.7).
 * Rules are cleared after each test; tests in this file run one after another.
 */
import { describe, expect, it } from 'vitest';
import { useSharedFakes } from '../../helpers/shared-fakes.js';
import { runNodeClient } from './helpers/run-client.js';

interface UploadResult {
  ok: boolean;
  error?: { name: string; message: string; causes: Array<{ name?: string; statusCode?: number; message?: string }> };
}
interface SecretResult {
  ok: boolean;
  got?: { value: string };
  error?: { name: string; message: string; statusCode?: number; code?: string };
}

/** Clock granularity between the fake's arrival stamps; a retry can never come earlier than this. */
const SPACING_TOLERANCE_MS = 5;

const shared = useSharedFakes({ clearFaultsAfterEach: true });

function upload(stream: string, recordCount = 10, timeoutMs?: number) {
  return runNodeClient<UploadResult>(
    'monitor-upload.ts',
    {
      endpoint: shared.fakes.endpoints.sentinel,
      ruleId: 'dcr-js-faults',
      stream,
      recordCount,
      recordBytes: 100,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
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
    expect(run.result.ok, run.stderr).toBe(false);
    expect(run.result.error!.causes.map((c) => c.statusCode)).toEqual([429]);
    const attempts = shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' });
    expect(attempts.map((e) => [e.status, e.faultRuleId])).toEqual(Array(4).fill([429, rule.id]));
    for (let i = 1; i < attempts.length; i++) {
      const previous = attempts[i - 1]!;
      expect(attempts[i]!.startedAtMs - (previous.startedAtMs + previous.durationMs)).toBeGreaterThanOrEqual(
        1_000 - SPACING_TOLERANCE_MS,
      );
    }
  });

  it("a blackhole reads the whole upload and never answers: only the caller's timeout ends it", async () => {
    const rule = shared.fakes.faults.add({
      target: { service: 'sentinel', operation: 'Upload', stream: 'Custom-Blackhole_CL' },
      effect: { kind: 'blackhole' },
    });
    const since = shared.fakes.journal.total();
    const run = await upload('Custom-Blackhole_CL', 10, 1_500);
    expect(run.result.ok, run.stderr).toBe(false);
    expect(run.result.error!.causes.map((c) => c.name)).toEqual(['AbortError']);
    // Journaled once it is released (the client left); the body was read in full, nothing answered.
    await expect
      .poll(() => shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' }))
      .toEqual([expect.objectContaining({ outcome: 'hung', faultKind: 'blackhole', faultRuleId: rule.id, status: 0 })]);
    const [held] = shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' });
    expect(held!.bytesIn).toBeGreaterThan(0);
    expect(shared.fakes.ingest.records({ stream: 'Custom-Blackhole_CL' })).toEqual([]);
  });

  it('surfaces an injected 403 as a RestError after a single attempt', async () => {
    shared.fakes.faults.add({
      target: { service: 'sentinel', operation: 'Upload', stream: 'Custom-Forbidden_CL' },
      effect: { kind: 'http_error', status: 403 },
    });
    const since = shared.fakes.journal.total();
    const run = await upload('Custom-Forbidden_CL');
    expect(run.result.ok, run.stderr).toBe(false);
    expect(run.result.error!.causes).toEqual([expect.objectContaining({ name: 'RestError', statusCode: 403 })]);
    expect(shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' }).map((e) => e.status)).toEqual([403]);
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
    expect(new Set(stored.map((r) => r.record.n)).size).toBe(20);
  });
});

describe('Key Vault faults seen by SecretClient', () => {
  it('re-authenticates once on a 401 after authentication, then surfaces a 401 RestError', async () => {
    shared.fakes.keyVault.setSecret('warmup', 'ok');
    shared.fakes.keyVault.setSecret('revoked', 'x');
    shared.fakes.faults.add({
      target: { service: 'keyvault', operation: 'GetSecret', secretName: 'revoked' },
      effect: { kind: 'http_error', status: 401 },
    });
    const since = shared.fakes.journal.total();
    const run = await runNodeClient<SecretResult>(
      'keyvault-set-get.ts',
      { vaultUrl: shared.fakes.endpoints.keyVault, name: 'revoked', warmupName: 'warmup' },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({
      ok: false,
      error: { name: 'RestError', statusCode: 401, code: 'Unauthorized' },
    });
    // warmup: challenge 401, then 200. revoked: 401 (carrying a challenge) → one re-auth → 401 → error.
    const kv = shared.fakes.journal.query({ sinceSeq: since, service: 'keyvault' });
    expect(kv.map((e) => [e.secretName, e.status, e.faultRuleId !== undefined])).toEqual([
      ['warmup', 401, false],
      ['warmup', 200, false],
      ['revoked', 401, true],
      ['revoked', 401, true],
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
    expect(run.result.ok, run.stderr).toBe(false);
    expect(JSON.stringify(run.result.error)).toMatch(
      /CredentialUnavailableError|AggregateAuthenticationError|ManagedIdentityCredential/,
    );
    const tokenCalls = shared.fakes.journal.query({ sinceSeq: since, service: 'identity' });
    // DefaultAzureCredential gives managed identity maxRetries 5: 6 GETs (wire-contracts §6.7).
    expect(tokenCalls).toHaveLength(6);
    expect(tokenCalls.every((e) => e.status === 503)).toBe(true);
    expect(shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel' })).toEqual([]);
  });
});
