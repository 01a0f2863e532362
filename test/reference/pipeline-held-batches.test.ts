import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../fakes/core/clock.js';
import { renderObject } from '../../harness/seed/corpus/render-object.js';
import { sourceRecord } from '../../harness/seed/corpus/source-record.js';
import type { UploadFn } from '../../harness/targets/reference/azure-clients.js';
import { CircuitBreaker } from '../../harness/targets/reference/circuit-breaker.js';
import { FailedBatchStore } from '../../harness/targets/reference/failed-batch-store.js';
import { PipelineMetrics } from '../../harness/targets/reference/metrics.js';
import { Pipeline } from '../../harness/targets/reference/pipeline.js';
import { ProgressStore } from '../../harness/targets/reference/progress-store.js';
import type { ObjectSource } from '../../harness/targets/reference/s3-source.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/targets/target.js';

const seeded = [1, 2, 3, 4, 5].map((n) => sourceRecord(7, n));
const OBJECT = { key: 'logs/fw-7-1.log.gz', etag: '"e1"', size: 100 };

describe('Pipeline: a failed batch that cannot be stored', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reference-held-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function setup() {
    const failedDir = join(dir, 'failed_batches');
    // A regular file where the directory should be: mkdir and write fail, even for root.
    await writeFile(failedDir, 'not a directory');
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const lines: string[] = [];
    const log = (level: string, _logger: string, message: string) => lines.push(`${level} ${message}`);
    const state = { sentinelUp: false, reads: 0, delivered: [] as unknown[] };
    const source: ObjectSource = {
      list: async () => [OBJECT],
      read: async () => {
        state.reads += 1;
        return renderObject(seeded, { format: 'firewall', linesPerObject: 5, gzip: true });
      },
    };
    const upload: UploadFn = async (records) => {
      if (!state.sentinelUp) throw Object.assign(new Error('Forbidden'), { statusCode: 403, name: 'RestError' });
      state.delivered.push(...records);
    };
    const metrics = new PipelineMetrics();
    const store = new FailedBatchStore(failedDir);
    const progress = new ProgressStore(join(dir, 'state'));
    const breaker = new CircuitBreaker({ name: 'azure-sentinel', config: RUNBOOK_BREAKER_DEFAULTS, clock, log });
    const stopSignal = new AbortController().signal;
    const pipeline = new Pipeline({
      bucket: 'b',
      prefix: 'logs/',
      batchSize: 5,
      s3: source,
      progress,
      ignoreProgress: false,
      parse: {},
      clock,
      log,
      metrics,
      router: {
        breaker,
        upload,
        store,
        clock,
        log,
        metrics,
        shutdownSignal: stopSignal,
        dropFailedBatches: false,
        skipStoreOnTimeout: false,
      },
      stopSignal,
    });
    return { pipeline, state, lines, progress, failedDir };
  }

  it('is held, retried every cycle without re-reading its object, and delivered once Sentinel works', async () => {
    const { pipeline, state, lines, progress } = await setup();
    expect(await pipeline.runCycle()).toMatchObject({ records: 5, delivered: 0, stored: 0, dropped: 0 });
    expect(pipeline.unstored).toMatchObject({
      records: 5,
      reason: expect.stringMatching(
        /^Holding 1 failed batch\(es\) \(5 records\) in memory: storing them failed \(EEXIST/,
      ),
    });
    expect(lines.some((l) => /^ERROR Failed to store failed batch [0-9a-f]{32} \(5 records\): EEXIST/.test(l))).toBe(
      true,
    );
    expect(progress.isHandled(OBJECT.key, OBJECT.etag)).toBe(false);

    await pipeline.runCycle();
    expect(pipeline.unstored.records).toBe(5);
    expect(state.reads).toBe(1);

    state.sentinelUp = true;
    expect(await pipeline.runCycle()).toMatchObject({ delivered: 5 });
    expect(pipeline.unstored).toEqual({ records: 0, storeError: null, reason: null });
    expect(state.delivered).toHaveLength(5);
    expect(progress.isHandled(OBJECT.key, OBJECT.etag)).toBe(true);
    expect(state.reads).toBe(1);
  });

  it('is stored by the next cycle once the directory can be written', async () => {
    const { pipeline, progress, failedDir } = await setup();
    await pipeline.runCycle();
    await rm(failedDir);
    expect(await pipeline.runCycle()).toMatchObject({ stored: 5 });
    expect(pipeline.unstored.records).toBe(0);
    expect((await readdir(failedDir)).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(progress.isHandled(OBJECT.key, OBJECT.etag)).toBe(true);
  });

  it('at exit, a last store attempt that still fails leaves the object unhandled (read again next start)', async () => {
    const { pipeline, progress } = await setup();
    await pipeline.runCycle();
    expect(await pipeline.storeHeld()).toBe(5);
    expect(progress.isHandled(OBJECT.key, OBJECT.etag)).toBe(false);
  });
});
