/**
 * A failed batch that cannot be stored. The failed-batch directory's path is made a regular file,
 * so mkdir and write fail even as root (a read-only directory would not stop root).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import {
  deliveries,
  metric,
  prepareReference,
  recordValues,
  seedCorpusObject,
  type TestTarget,
  useReferenceRun,
} from './reference-harness.js';

const SHAPE = { format: 'firewall', linesPerObject: 3, gzip: true } as const;

/** Log records that show any of `values` (there must be none: a security check greps for them). */
const leaks = (target: TestTarget, values: readonly string[]): string[] =>
  target.events.map((e) => e.record).filter((record) => values.some((value) => record.includes(value)));

async function readyState(url: string): Promise<{ status: number; lastError: string | null }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, lastError: ((await response.json()) as { last_error: string | null }).last_error };
}

describe('reference target: a failed batch that cannot be stored', () => {
  const ctx = useReferenceRun();
  const refuseUploads = (): void => {
    ctx.fakes.faults.add({
      id: 'sentinel-403',
      target: { service: 'sentinel', operation: 'Upload' },
      effect: { kind: 'http_error', status: 403 },
    });
  };

  it('ingest exits 1 saying how many records were neither delivered nor stored; nothing is lost', async () => {
    const { records } = seedCorpusObject(ctx.fakes, 1, SHAPE, 1);
    refuseUploads();
    ctx.target = await prepareReference(ctx.fakes);
    const failedDir = ctx.target.prepared.failedBatchesDir;
    await writeFile(failedDir, 'not a directory');
    expect((await (await ctx.target.launch('ingest')).exited).code).toBe(1);

    const log = ctx.target.events.map((e) => e.record);
    expect(log.filter((l) => /Failed to store failed batch [0-9a-f]{32} \(1 records\): EEXIST/.test(l))).toHaveLength(
      3,
    );
    const summary = /s3_sentinel\.pipeline - ERROR - Failed to deliver or store 3 of 3 record\(s\) read: 3 could not/;
    expect(log.filter((l) => summary.test(l))).toHaveLength(1);
    expect(leaks(ctx.target, recordValues(records))).toEqual([]);

    // The object was not marked handled: once storing (or Sentinel) works, the next ingest delivers it.
    await rm(failedDir);
    ctx.fakes.faults.remove('sentinel-403');
    expect((await (await ctx.target.launch('ingest')).exited).code).toBe(0);
    expect([...deliveries(ctx.fakes).values()]).toEqual([1, 1, 1]);
  });

  it('run holds the batches, answers /ready 503 with the reason, and delivers them once Sentinel works', async () => {
    const { key, records } = seedCorpusObject(ctx.fakes, 1, SHAPE, 1);
    refuseUploads();
    // The held batches keep failing, so the breaker opens; a short recovery lets it probe soon after.
    ctx.target = await prepareReference(ctx.fakes, { recovery_timeout: '1' });
    await writeFile(ctx.target.prepared.failedBatchesDir, 'not a directory');
    const run = await ctx.target.launch('run');
    const url = ctx.target.prepared.healthUrl() ?? '';

    await eventually(async () => (await metric(url, 's3_sentinel_unstored_records')) === 3, {
      what: '3 records held unstored',
    });
    const notReady = await readyState(url);
    expect(notReady.status).toBe(503);
    expect(notReady.lastError).toMatch(/^Holding 3 failed batch\(es\) \(3 records\) in memory: storing them failed /);
    expect(notReady.lastError).toMatch(/\(EEXIST: .*\); retrying every cycle$/);

    ctx.fakes.faults.remove('sentinel-403');
    await eventually(() => deliveries(ctx.fakes).size === 3, { what: 'the held records delivered' });
    await eventually(async () => (await readyState(url)).status === 200, { what: '/ready is 200 again' });
    await run.stop();
    expect((await run.exited).code).toBe(0);

    expect([...deliveries(ctx.fakes).values()]).toEqual([1, 1, 1]);
    const progress = JSON.parse(await readFile(join(ctx.target.workDir, 'state', 'progress.json'), 'utf8')) as {
      objects: Record<string, { key: string; delivered: number }>;
    };
    expect(Object.values(progress.objects)).toEqual([expect.objectContaining({ key, delivered: 3 })]);
    expect(leaks(ctx.target, recordValues(records))).toEqual([]);
  });

  it('run stores the held batches once the directory can be written, and is ready again', async () => {
    seedCorpusObject(ctx.fakes, 1, SHAPE, 1);
    refuseUploads();
    ctx.target = await prepareReference(ctx.fakes);
    const failedDir = ctx.target.prepared.failedBatchesDir;
    await writeFile(failedDir, 'not a directory');
    const run = await ctx.target.launch('run');
    const url = ctx.target.prepared.healthUrl() ?? '';
    await eventually(async () => (await readyState(url)).status === 503, { what: '/ready is 503' });

    await rm(failedDir);
    await eventually(async () => (await readdir(failedDir).catch(() => [])).length === 3, {
      what: '3 failed-batch files',
    });
    await eventually(async () => (await readyState(url)).status === 200, { what: '/ready is 200 again' });
    await run.stop();
    expect((await run.exited).code).toBe(0);
    expect(ctx.fakes.ingest.count().total).toBe(0);
  });
});
