import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakes, type StartedFakes } from '../../fakes/index.js';
import { BUCKET, deliveries, metric, prepareReference, SECRET_NAME, seedRecords, waitFor, type TestTarget } from './reference-harness.js';

describe('reference target: healthy run', () => {
  let fakes: StartedFakes;
  let target: TestTarget | undefined;

  beforeEach(async () => {
    fakes = await startFakes({ seed: 7 });
    fakes.s3.createBucket(BUCKET);
    fakes.keyVault.setSecret(SECRET_NAME, 'v1');
  });
  afterEach(async () => {
    await target?.dispose();
    await fakes.stop();
  });

  it('delivers every seeded record exactly once, also across a SIGTERM restart, and serves /health, /ready, /metrics', async () => {
    const first = seedRecords(fakes, 0, 6);
    // Time scale 10: a 3 s target poll interval is 300 ms of wall time (ScaledClock in the process).
    target = await prepareReference(fakes, { batch_size: '2' }, { timeScale: 10, pollIntervalMs: 3_000 });
    const run1 = await target.launch('run');
    const url = target.prepared.healthUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await waitFor('6 records delivered', () => fakes.ingest.count().total >= 6);
    await waitFor('/ready is 200', async () => (await fetch(`${url}/ready`)).status === 200);
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string; running: boolean };
    expect(health).toMatchObject({ status: 'ok', running: true });
    expect(await metric(url!, 's3_sentinel_delivered_records_total')).toBe(6);
    expect(await metric(url!, 's3_sentinel_circuit_breaker_state', '{breaker="azure-sentinel"}')).toBe(0);
    expect(await metric(url!, 's3_sentinel_circuit_breaker_state', '{breaker="azure-key-vault"}')).toBe(0);
    expect(await metric(url!, 's3_sentinel_processed_files_total')).toBe(6);
    expect(await metric(url!, 's3_sentinel_failed_batch_files')).toBe(0);
    // Let a few more cycles pass: handled objects must not be sent again.
    const cyclesNow = (await metric(url!, 's3_sentinel_pipeline_cycles_total'))!;
    await waitFor('3 more cycles', async () => (await metric(url!, 's3_sentinel_pipeline_cycles_total'))! >= cyclesNow + 3);

    await run1.stop();
    expect(await run1.exited).toEqual({ code: 0, signal: null });
    expect(target.prepared.healthUrl()).toBeNull();
    const progress = JSON.parse(await readFile(join(target.workDir, 'state', 'progress.json'), 'utf8')) as { objects: Record<string, unknown> };
    expect(Object.keys(progress.objects)).toHaveLength(6);

    const second = seedRecords(fakes, 6, 3);
    const run2 = await target.launch('run');
    const url2 = target.prepared.healthUrl()!;
    await waitFor('9 records delivered', () => fakes.ingest.count().total >= 9);
    const cycles2 = (await metric(url2, 's3_sentinel_pipeline_cycles_total'))!;
    await waitFor('3 more cycles after restart', async () => (await metric(url2, 's3_sentinel_pipeline_cycles_total'))! >= cycles2 + 3);
    await run2.stop();
    expect((await run2.exited).code).toBe(0);

    const counts = deliveries(fakes);
    expect([...counts.keys()].sort()).toEqual([...first, ...second].sort());
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(fakes.ingest.records()[0]!.record).toEqual({
      TimeGenerated: '2024-01-01T00:00:00.000Z', SourceIP: '10.0.0.1', DestinationIP: '10.0.0.2', Action: 'allow',
      BytesTransferred: first[0], DataClassification: 'standard', SchemaVersion: '1.0',
    });
    // Every stderr record is in the connector's format (one parser for both targets).
    const stderr = target.events.filter((e) => e.stream === 'stderr');
    expect(stderr.length).toBeGreaterThan(0);
    expect(stderr.filter((e) => !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - /.test(e.record))).toEqual([]);
    expect(target.events.some((e) => e.events.some((ev) => ev.kind === 'error'))).toBe(false);
  });
});
