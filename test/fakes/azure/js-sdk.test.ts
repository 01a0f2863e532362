/**
 * The real JS SDKs against the Azure shared.fakes, unmodified and configured only by endpoints and the
 * environment block. Each client runs in a child process (see helpers/run-client.ts for why).
 */
import { describe, expect, it } from 'vitest';
import { useSharedFakes } from '../../helpers/shared-fakes.js';
import { runNodeClient } from './helpers/run-client.js';

interface UploadResult {
  ok: boolean;
  error?: { name: string; message: string; causes: Array<{ statusCode?: number }> };
}
interface SecretResult {
  ok: boolean;
  got?: { value: string; id: string; version: string };
  set?: { id: string; vaultUrl: string };
  error?: { name: string; message: string; statusCode?: number };
}

const shared = useSharedFakes();

describe('@azure/monitor-ingestion with DefaultAzureCredential through the identity fake', () => {
  it('uploads more than 1 MB of records in several gzip chunks, every record stored once', async () => {
    const since = shared.fakes.journal.total();
    const run = await runNodeClient<UploadResult>(
      'monitor-upload.ts',
      {
        endpoint: shared.fakes.endpoints.sentinel,
        ruleId: 'dcr-js',
        stream: 'Custom-Js_CL',
        recordCount: 3_000,
        recordBytes: 1_000,
      },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toEqual({ ok: true, durationMs: expect.any(Number) });
    const uploads = shared.fakes.journal.query({ sinceSeq: since, service: 'sentinel', operation: 'Upload' });
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    expect(uploads.every((e) => e.status === 204)).toBe(true);
    const tokens = shared.fakes.journal.query({ sinceSeq: since, service: 'identity', operation: 'GetToken' });
    expect(tokens.length).toBeGreaterThanOrEqual(1);
    const stored = shared.fakes.ingest.records({ stream: 'Custom-Js_CL' });
    expect(stored).toHaveLength(3_000);
    expect(new Set(stored.map((r) => r.record.n)).size).toBe(3_000);
  });
});

describe('@azure/keyvault-secrets through the challenge', () => {
  it('sets and gets a secret on a 127.0.0.1 vault without any client option', async () => {
    const since = shared.fakes.journal.total();
    const run = await runNodeClient<SecretResult>(
      'keyvault-set-get.ts',
      { vaultUrl: shared.fakes.endpoints.keyVault, name: 'js-secret', value: 'hunter2' },
      shared.fakes.env,
    );
    expect(run.result, run.stderr).toMatchObject({
      ok: true,
      got: { value: 'hunter2' },
      set: { vaultUrl: shared.fakes.endpoints.keyVault },
    });
    expect(run.result.got!.id).toBe(`${shared.fakes.endpoints.keyVault}/secrets/js-secret/${run.result.got!.version}`);
    const kv = shared.fakes.journal.query({ sinceSeq: since, service: 'keyvault' });
    // The bodiless challenge request first, then the authorised PUT and GET.
    expect(kv.map((e) => [e.operation, e.status])).toEqual([
      ['SetSecret', 401],
      ['SetSecret', 200],
      ['GetSecret', 200],
    ]);
    expect(shared.fakes.keyVault.store.get('js-secret')).toBe('hunter2');
  });
});
