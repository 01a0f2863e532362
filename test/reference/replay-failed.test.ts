import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AggregateLogsUploadError } from '@azure/monitor-ingestion';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../fakes/core/clock.js';
import type { UploadFn } from '../../harness/targets/reference/azure-clients.js';
import { CircuitBreaker } from '../../harness/targets/reference/circuit-breaker.js';
import { FailedBatchStore } from '../../harness/targets/reference/failed-batch-store.js';
import { type ReplayOptions, replayFailed } from '../../harness/targets/reference/replay-failed.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/targets/target.js';

const record = (bytes: number) => ({
  TimeGenerated: '2024-01-01T00:00:01.000Z',
  SourceIP: '10.0.0.1',
  BytesTransferred: bytes,
});
/** Upload that refuses any batch holding a record with one of these BytesTransferred values. */
const refusing =
  (sent: unknown[][], ...refused: number[]): UploadFn =>
  async (records) => {
    const bad = records.filter((r) => refused.includes(r.BytesTransferred as number));
    if (bad.length === records.length) throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
    if (bad.length > 0) throw new AggregateLogsUploadError([{ failedLogs: bad as never[], cause: new Error('503') }]);
    sent.push([...records]);
  };

describe('replayFailed', () => {
  let dir: string;
  let store: FailedBatchStore;
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reference-replay-'));
    store = new FailedBatchStore(dir);
    await store.store([record(1)], 'boom', 'azure_error:503', clock.now());
    await store.store([record(2)], 'boom', 'azure_error:503', clock.now());
    await store.store([record(3), record(4)], 'boom', 'azure_error:503', clock.now());
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const replay = (upload: UploadFn, knobs: Partial<ReplayOptions> = {}) => {
    const log = () => undefined;
    const breaker = new CircuitBreaker({ name: 'azure-sentinel', config: RUNBOOK_BREAKER_DEFAULTS, clock, log });
    const stopSignal = new AbortController().signal;
    return replayFailed({
      store,
      breaker,
      upload,
      clock,
      log,
      archiveOnFailure: false,
      alterOnReplay: false,
      stopSignal,
      ...knobs,
    });
  };
  const waiting = async (): Promise<unknown[][]> =>
    Promise.all((await store.list()).map(async (f) => JSON.parse(await readFile(f, 'utf8')).data as unknown[]));
  const archived = async () => (await readdir(join(dir, 'archived')).catch(() => [])).length;

  it('archives only files whose records all arrived; a refused file stays and counts as failed', async () => {
    const sent: unknown[][] = [];
    expect(await replay(refusing(sent, 2))).toEqual({ processed: 3, archived: 2, failed: 1 });
    expect(await waiting()).toEqual([[record(2)]]);
    expect(await archived()).toBe(2);
  });

  it('after a partial upload the file stays, holding only the records that did not arrive', async () => {
    const sent: unknown[][] = [];
    expect(await replay(refusing(sent, 4))).toEqual({ processed: 3, archived: 2, failed: 1 });
    expect(await waiting()).toEqual([[record(4)]]);
  });

  it('an unreadable file stays and counts as failed; the log does not quote it', async () => {
    await writeFile(join(dir, 'failed-batch-broken.json'), '{"data": [{"SourceIP": "10.9.8.7"} not json');
    const lines: string[] = [];
    expect(await replay(refusing([]), { log: (_l, _n, message) => lines.push(message) })).toEqual({
      processed: 4,
      archived: 3,
      failed: 1,
    });
    expect(lines).toContain(
      'Failed to read failed batch failed-batch-broken.json: not valid JSON. Fix or move the file.',
    );
    expect(lines.filter((l) => l.includes('10.9.8.7'))).toEqual([]);
    expect(await store.list()).toEqual([join(dir, 'failed-batch-broken.json')]);
  });

  it('archive_on_failure: a refused file is archived anyway and not counted as failed', async () => {
    expect(await replay(refusing([], 2), { archiveOnFailure: true })).toEqual({ processed: 3, archived: 3, failed: 0 });
    expect(await store.list()).toEqual([]);
  });

  it('alter_on_replay: SourceIP is sent as [REDACTED:IPV4]; the rest and the archived file are untouched', async () => {
    const sent: unknown[][] = [];
    await replay(refusing(sent), { alterOnReplay: true });
    // Files replay in name order, which follows the batch id: compare regardless of order.
    const byBytes = (a: unknown, b: unknown) =>
      (a as { BytesTransferred: number }).BytesTransferred - (b as { BytesTransferred: number }).BytesTransferred;
    expect(sent.flat().sort(byBytes)).toEqual([1, 2, 3, 4].map((n) => ({ ...record(n), SourceIP: '[REDACTED:IPV4]' })));
    const files = await readdir(join(dir, 'archived'));
    const kept = await Promise.all(
      files.map(async (f) => JSON.parse(await readFile(join(dir, 'archived', f), 'utf8'))),
    );
    expect(kept.flatMap((k) => k.data as { SourceIP: string }[]).map((r) => r.SourceIP)).toEqual(
      Array(4).fill('10.0.0.1'),
    );
  });
});
