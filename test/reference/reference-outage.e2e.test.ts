import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { deliveries, metric, prepareReference, seedRecords, useReferenceRun } from './reference-harness.js';

const jsonFiles = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
};

describe('reference target: Sentinel outage, recovery and replay', () => {
  const ctx = useReferenceRun();

  it(
    'stores every failed batch, goes CLOSED → OPEN → HALF_OPEN → CLOSED once the fault clears, ' +
      'and replay-failed delivers and archives them',
    async () => {
      ctx.fakes.faults.add({
        id: 'sentinel-down',
        target: { service: 'sentinel', operation: 'Upload' },
        effect: { kind: 'http_error', status: 503 },
      });
      const during = seedRecords(ctx.fakes, 0, 5);
      ctx.target = await prepareReference(ctx.fakes, {
        failure_threshold: '2',
        min_calls_before_open: '2',
        recovery_timeout: '2',
        success_threshold: '2',
      });
      const run = await ctx.target.launch('run');
      const url = ctx.target.prepared.healthUrl()!;
      const failedDir = ctx.target.prepared.failedBatchesDir;

      await eventually(async () => (await jsonFiles(failedDir)).length === 5, {
        what: '5 failed-batch files',
        timeoutMs: 60_000,
      });
      expect(ctx.target.transitions('azure-sentinel')).toEqual(['CLOSED>OPEN']);
      expect(await metric(url, 's3_sentinel_failed_batch_files')).toBe(5);
      expect(await metric(url, 's3_sentinel_failed_records_total')).toBe(5);
      // 2 failing calls × 4 SDK attempts; the 3 calls rejected while OPEN never reach Sentinel.
      const uploads = ctx.fakes.journal.query({ service: 'sentinel', operation: 'Upload' });
      expect(uploads.every((e) => e.status === 503)).toBe(true);
      expect(uploads).toHaveLength(8);

      // Real file name and JSON shape; data NOT redacted (lossless replay).
      const files = await jsonFiles(failedDir);
      expect(
        files.every((f) =>
          /^failed-batch-[0-9a-f]{32}-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{6}\+00-00\.json$/.test(f),
        ),
      ).toBe(true);
      const stored = await Promise.all(
        files.map(async (f) => JSON.parse(await readFile(join(failedDir, f), 'utf8')) as Record<string, unknown>),
      );
      for (const body of stored)
        expect(Object.keys(body).sort()).toEqual([
          'batch_id',
          'data',
          'error',
          'error_category',
          'retry_count',
          'timestamp',
        ]);
      expect(stored.map((b) => b.error_category).sort()).toEqual([
        'azure_error:503',
        'azure_error:503',
        'circuit_breaker_open',
        'circuit_breaker_open',
        'circuit_breaker_open',
      ]);
      expect(
        stored
          .flatMap((b) => (b.data as { BytesTransferred: number; SourceIP: string }[]).map((r) => r.BytesTransferred))
          .sort(),
      ).toEqual(during);
      expect((stored[0]!.data as { SourceIP: string }[])[0]!.SourceIP).toBe('10.0.0.1');
      const storedEvents = ctx.target.events.flatMap((e) => e.events).filter((e) => e.kind === 'batch_stored');
      expect(storedEvents).toHaveLength(5);

      ctx.fakes.faults.remove('sentinel-down');
      // Records keep arriving: the breaker only probes on a call made after recovery_timeout, and
      // objects that arrive while it is still OPEN are (correctly) stored as failed batches.
      const after: number[] = [];
      await eventually(
        () => {
          if (ctx.target!.transitions('azure-sentinel').includes('HALF_OPEN>CLOSED')) return true;
          after.push(...seedRecords(ctx.fakes, 5 + after.length, 1));
          return false;
        },
        { what: 'breaker closed again', timeoutMs: 30_000, intervalMs: 400 },
      );
      expect(ctx.target.transitions('azure-sentinel')).toEqual(['CLOSED>OPEN', 'OPEN>HALF_OPEN', 'HALF_OPEN>CLOSED']);
      await eventually(
        async () => {
          const delivered = deliveries(ctx.fakes);
          const storedNow = (await metric(url, 's3_sentinel_failed_records_total')) ?? 0;
          return after.filter((id) => delivered.has(id)).length + storedNow - 5 === after.length;
        },
        { what: 'every record delivered or stored' },
      );
      expect(await metric(url, 's3_sentinel_circuit_breaker_state', '{breaker="azure-sentinel"}')).toBe(0);
      await run.stop();
      expect((await run.exited).code).toBe(0);

      const waiting = await jsonFiles(failedDir);
      expect(waiting.length).toBeGreaterThanOrEqual(5);
      const replay = await ctx.target.launch('replay-failed');
      const lines: string[] = [];
      replay.onLogRecord((record, stream) => {
        if (stream === 'stdout') lines.push(record);
      });
      expect(await replay.exited).toEqual({ code: 0, signal: null });
      expect(lines).toEqual([`Replay complete: processed=${waiting.length} archived=${waiting.length} failed=0`]);
      expect(await jsonFiles(failedDir)).toEqual([]);
      const archived = await jsonFiles(join(failedDir, 'archived'));
      expect(archived).toHaveLength(waiting.length);
      expect(archived.every((f) => /^failed-batch-[0-9a-f]{32}-.*-\d{8}T\d{6}Z\.json$/.test(f))).toBe(true);

      const counts = deliveries(ctx.fakes);
      expect([...counts.keys()].sort()).toEqual([...during, ...after].sort());
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
    },
  );

  it('replay-failed keeps (does not archive) files whose upload fails again, and exits 1', async () => {
    ctx.fakes.faults.add({
      id: 'sentinel-403',
      target: { service: 'sentinel', operation: 'Upload' },
      effect: { kind: 'http_error', status: 403 },
    });
    seedRecords(ctx.fakes, 0, 2);
    ctx.target = await prepareReference(ctx.fakes);
    const ingest = await ctx.target.launch('ingest');
    expect((await ingest.exited).code).toBe(0);
    const failedDir = ctx.target.prepared.failedBatchesDir;
    expect(await jsonFiles(failedDir)).toHaveLength(2);

    const replay = await ctx.target.launch('replay-failed');
    const stdout: string[] = [];
    replay.onLogRecord((record, stream) => {
      if (stream === 'stdout') stdout.push(record);
    });
    expect((await replay.exited).code).toBe(1);
    expect(stdout).toEqual(['Replay complete: processed=2 archived=0 failed=2']);
    expect(await jsonFiles(failedDir)).toHaveLength(2);
    expect(ctx.fakes.ingest.count().total).toBe(0);
  });
});
