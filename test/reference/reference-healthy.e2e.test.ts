import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { deliveries, metric, prepareReference, seedRecords, useReferenceRun } from './reference-harness.js';

describe('reference target: healthy run', () => {
  const ctx = useReferenceRun();

  it(
    'delivers every seeded record exactly once, also across a SIGTERM restart, ' +
      'and serves /health, /ready, /metrics',
    async () => {
      const first = seedRecords(ctx.fakes, 0, 6);
      // Time scale 10: a 3 s target poll interval is 300 ms of wall time (ScaledClock in the process).
      ctx.target = await prepareReference(ctx.fakes, { batch_size: '2' }, { timeScale: 10, pollIntervalMs: 3_000 });
      const run1 = await ctx.target.launch('run');
      const url = ctx.target.prepared.healthUrl();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await eventually(() => ctx.fakes.ingest.count().total >= 6, { what: '6 records delivered' });
      await eventually(async () => (await fetch(`${url}/ready`)).status === 200, { what: '/ready is 200' });
      const health = (await (await fetch(`${url}/health`)).json()) as { status: string; running: boolean };
      expect(health).toMatchObject({ status: 'ok', running: true });
      expect(await metric(url!, 's3_sentinel_delivered_records_total')).toBe(6);
      expect(await metric(url!, 's3_sentinel_circuit_breaker_state', '{breaker="azure-sentinel"}')).toBe(0);
      expect(await metric(url!, 's3_sentinel_circuit_breaker_state', '{breaker="azure-key-vault"}')).toBe(0);
      expect(await metric(url!, 's3_sentinel_processed_files_total')).toBe(6);
      expect(await metric(url!, 's3_sentinel_failed_batch_files')).toBe(0);
      // Let a few more cycles pass: handled objects must not be sent again.
      const cyclesNow = (await metric(url!, 's3_sentinel_pipeline_cycles_total'))!;
      await eventually(async () => (await metric(url!, 's3_sentinel_pipeline_cycles_total'))! >= cyclesNow + 3, {
        what: '3 more cycles',
      });

      await run1.stop();
      expect(await run1.exited).toEqual({ code: 0, signal: null });
      expect(ctx.target.prepared.healthUrl()).toBeNull();
      const progress = JSON.parse(await readFile(join(ctx.target.workDir, 'state', 'progress.json'), 'utf8')) as {
        objects: Record<string, unknown>;
      };
      expect(Object.keys(progress.objects)).toHaveLength(6);

      const second = seedRecords(ctx.fakes, 6, 3);
      const run2 = await ctx.target.launch('run');
      const url2 = ctx.target.prepared.healthUrl()!;
      await eventually(() => ctx.fakes.ingest.count().total >= 9, { what: '9 records delivered' });
      const cycles2 = (await metric(url2, 's3_sentinel_pipeline_cycles_total'))!;
      await eventually(async () => (await metric(url2, 's3_sentinel_pipeline_cycles_total'))! >= cycles2 + 3, {
        what: '3 more cycles after restart',
      });
      await run2.stop();
      expect((await run2.exited).code).toBe(0);

      const counts = deliveries(ctx.fakes);
      expect([...counts.keys()].sort()).toEqual([...first, ...second].sort());
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      expect(ctx.fakes.ingest.records()[0]!.record).toEqual({
        TimeGenerated: '2024-01-01T00:00:00.000Z',
        SourceIP: '10.0.0.1',
        DestinationIP: '10.0.0.2',
        Action: 'allow',
        RuleName: 'rule-1',
        Protocol: 'tcp',
        SourcePort: 40_000,
        DestinationPort: 443,
        BytesTransferred: first[0],
        DataClassification: 'standard',
        SchemaVersion: '1.0',
      });
      // Every stderr record is in the connector's format (one parser for both targets).
      const stderr = ctx.target.events.filter((e) => e.stream === 'stderr');
      expect(stderr.length).toBeGreaterThan(0);
      expect(stderr.filter((e) => !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - /.test(e.record))).toEqual([]);
      expect(ctx.target.events.some((e) => e.events.some((ev) => ev.kind === 'error'))).toBe(false);
    },
  );
});
