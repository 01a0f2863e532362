import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { deliveries, metric, prepareReference, seedRecords, useReferenceRun } from './reference-harness.js';

describe('reference target: Key Vault outage', () => {
  const ctx = useReferenceRun();

  it('serves the cached secret while the azure-key-vault breaker is open, and ingestion carries on', async () => {
    ctx.target = await prepareReference(ctx.fakes, {
      secret_refresh_ms: '300',
      kv_failure_threshold: '1',
      kv_min_calls_before_open: '1',
      kv_operation_timeout: '1',
      kv_recovery_timeout: '600',
    });
    const run = await ctx.target.launch('run');
    const url = ctx.target.prepared.healthUrl()!;
    await eventually(
      async () => ((await metric(url, 's3_sentinel_secret_refreshes_total', '{outcome="fetched"}')) ?? 0) >= 1,
      { what: 'secret fetched at start-up' },
    );

    // An unresponsive vault: the fetch hangs until the breaker's 1 s operation timeout.
    ctx.fakes.faults.add({
      id: 'kv-hang',
      target: { service: 'keyvault', operation: 'GetSecret' },
      effect: { kind: 'hang' },
    });
    const cachedLine = "Serving cached secret 'connector-secret' (azure-key-vault breaker OPEN)";
    await eventually(() => ctx.target!.events.filter((e) => e.record.endsWith(cachedLine)).length >= 2, {
      what: 'two refreshes served from cache',
      timeoutMs: 30_000,
    });
    expect(ctx.target.transitions('azure-key-vault')).toEqual(['CLOSED>OPEN']);
    expect(
      ctx.target.events.some((e) => e.record.includes("Circuit breaker 'azure-key-vault': Operation timeout after 1s")),
    ).toBe(true);
    expect(await metric(url, 's3_sentinel_circuit_breaker_state', '{breaker="azure-key-vault"}')).toBe(1);
    expect(await metric(url, 's3_sentinel_secret_cached')).toBe(1);
    const cachedSoFar = (await metric(url, 's3_sentinel_secret_refreshes_total', '{outcome="cached"}'))!;
    expect(cachedSoFar).toBeGreaterThanOrEqual(2);

    const ids = seedRecords(ctx.fakes, 0, 3);
    await eventually(() => ids.every((id) => deliveries(ctx.fakes).has(id)), {
      what: 'records still delivered during the Key Vault outage',
    });
    expect(await metric(url, 's3_sentinel_circuit_breaker_state', '{breaker="azure-sentinel"}')).toBe(0);
    // Rejected while OPEN: later refreshes never reach the vault (one timed-out request only).
    expect(ctx.fakes.faults.get('kv-hang')!.matched).toBe(1);

    await run.stop();
    expect((await run.exited).code).toBe(0);
  });
});
