import { AggregateLogsUploadError } from '@azure/monitor-ingestion';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../fakes/core/clock.js';
import { renderObject } from '../../harness/seed/corpus/render-object.js';
import { sourceRecord } from '../../harness/seed/corpus/source-record.js';
import type { UploadFn } from '../../harness/targets/reference/azure-clients.js';
import { type BatchRouterOptions, routeBatch } from '../../harness/targets/reference/batch-router.js';
import { CircuitBreaker } from '../../harness/targets/reference/circuit-breaker.js';
import { batchIdOf } from '../../harness/targets/reference/failed-batch-store.js';
import { PipelineMetrics } from '../../harness/targets/reference/metrics.js';
import { parseObjectText } from '../../harness/targets/reference/record-parser.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/targets/target.js';

const seeded = [1, 2, 3].map((n) => sourceRecord(7, n));
const records = parseObjectText(
  renderObject(seeded, { format: 'firewall', linesPerObject: 3, gzip: false }).toString(),
).records;

/** An upload that never answers; it settles only when the breaker's timeout aborts it. */
const hangingUpload: UploadFn = (_records, signal) =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

function setup(upload: UploadFn, overrides: Partial<BatchRouterOptions> = {}, storeError?: Error) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const lines: string[] = [];
  const log = (level: string, _logger: string, message: string) => lines.push(`${level} ${message}`);
  const breaker = new CircuitBreaker({ name: 'azure-sentinel', config: RUNBOOK_BREAKER_DEFAULTS, clock, log });
  const stored: { records: readonly unknown[]; category: string }[] = [];
  const options: BatchRouterOptions = {
    breaker,
    upload,
    store: {
      dir: '/var/failed_batches',
      store: async (batch, _error, category) => {
        if (storeError !== undefined) throw storeError;
        stored.push({ records: batch, category });
        return { path: '/var/failed_batches/x.json', batchId: 'x' };
      },
    },
    clock,
    log,
    metrics: new PipelineMetrics(),
    shutdownSignal: new AbortController().signal,
    dropFailedBatches: false,
    skipStoreOnTimeout: false,
    ...overrides,
  };
  return { clock, lines, breaker, stored, options };
}

describe('routeBatch', () => {
  it('an upload past operation_timeout is a breaker failure AND its batch is stored', async () => {
    const { clock, breaker, stored, options } = setup(hangingUpload);
    const outcome = routeBatch(records, options);
    clock.advance(30_000);
    expect(await outcome).toMatchObject({ delivered: [], stored: records, dropped: [], unstored: [] });
    expect(breaker.stats.failureCount).toBe(1);
    expect(stored).toEqual([{ records, category: 'network_timeout' }]);
  });

  it('skip_store_on_timeout: the timeout still counts as a failure, but the batch is dropped', async () => {
    const { clock, breaker, stored, lines, options } = setup(hangingUpload, { skipStoreOnTimeout: true });
    const outcome = routeBatch(records, options);
    clock.advance(30_000);
    expect(await outcome).toMatchObject({ stored: [], dropped: records, unstored: [] });
    expect(breaker.stats.failureCount).toBe(1);
    expect(stored).toEqual([]);
    expect(options.metrics.droppedRecords).toBe(3);
    expect(lines).toContain('ERROR Unexpected error during batch ingestion: Operation timeout after 30s');
  });

  it('an unwritable file leaves the batch unstored; the log names id, size and error, no record', async () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write '/var/failed_batches/x'"), {
      code: 'ENOSPC',
    });
    const refused: UploadFn = async () => Promise.reject(Object.assign(new Error('refused'), { statusCode: 403 }));
    const { lines, options } = setup(refused, {}, enospc);
    const outcome = await routeBatch(records, options);
    expect(outcome).toMatchObject({ delivered: [], stored: [], dropped: [], unstored: records });
    expect(outcome.unstoredBecause?.storeError).toMatch(/^ENOSPC: no space left on device/);
    expect(lines).toContain(
      `ERROR Failed to store failed batch ${batchIdOf(records)} (3 records): ENOSPC: no space left on device, ` +
        "write '/var/failed_batches/x'. Make /var/failed_batches a writable directory with free space.",
    );
    const values = seeded.flatMap((r) => [r.src_ip, r.dst_ip, r.rule_name, String(r.bytes)]);
    expect(lines.filter((line) => values.some((value) => line.includes(value)))).toEqual([]);
  });

  it('after a partial upload only the records that did not arrive are stored', async () => {
    const partial: UploadFn = async (sent) =>
      Promise.reject(new AggregateLogsUploadError([{ failedLogs: [sent[2] as never], cause: new Error('503') }]));
    const { stored, options } = setup(partial);
    const outcome = await routeBatch(records, options);
    expect(outcome).toMatchObject({ delivered: records.slice(0, 2), stored: records.slice(2) });
    expect(stored.map((s) => s.records)).toEqual([records.slice(2)]);
  });

  it('drop_failed_batches: a failed batch is dropped, not stored', async () => {
    const refused: UploadFn = async () => Promise.reject(new Error('refused'));
    const { stored, options } = setup(refused, { dropFailedBatches: true });
    expect(await routeBatch(records, options)).toMatchObject({ stored: [], dropped: records, unstored: [] });
    expect(stored).toEqual([]);
  });
});
