import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TargetProcess } from '../../harness/targets/target.js';
import { deliveries, prepareReference, seedRecords, useReferenceRun } from './reference-harness.js';

const jsonFiles = async (dir: string): Promise<string[]> =>
  (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));

async function replayOutput(proc: TargetProcess): Promise<{ code: number | null; stdout: string[] }> {
  const stdout: string[] = [];
  proc.onLogRecord((record, stream) => {
    if (stream === 'stdout') stdout.push(record);
  });
  return { code: (await proc.exited).code, stdout };
}

describe('reference target: replay-failed', () => {
  const ctx = useReferenceRun();

  it('keeps a file whose upload fails and exits 1; the next replay archives it and delivers it once', async () => {
    ctx.fakes.faults.add({
      id: 'sentinel-403',
      target: { service: 'sentinel', operation: 'Upload' },
      effect: { kind: 'http_error', status: 403 },
    });
    const ids = seedRecords(ctx.fakes, 0, 2);
    ctx.target = await prepareReference(ctx.fakes);
    expect((await (await ctx.target.launch('ingest')).exited).code).toBe(0);
    const failedDir = ctx.target.prepared.failedBatchesDir;
    expect(await jsonFiles(failedDir)).toHaveLength(2);

    // Only the next upload is refused (403 is not retried by the SDK): one file fails, the other goes.
    ctx.fakes.faults.remove('sentinel-403');
    ctx.fakes.faults.add({
      id: 'sentinel-403-once',
      target: { service: 'sentinel', operation: 'Upload' },
      effect: { kind: 'http_error', status: 403 },
      schedule: { kind: 'first', count: 1 },
    });
    const first = await replayOutput(await ctx.target.launch('replay-failed'));
    expect(first).toEqual({ code: 1, stdout: ['Replay complete: processed=2 archived=1 failed=1'] });
    expect(await jsonFiles(failedDir)).toHaveLength(1);
    expect(await jsonFiles(join(failedDir, 'archived'))).toHaveLength(1);
    expect(deliveries(ctx.fakes).size).toBe(1);

    const second = await replayOutput(await ctx.target.launch('replay-failed'));
    expect(second).toEqual({ code: 0, stdout: ['Replay complete: processed=1 archived=1 failed=0'] });
    expect(await jsonFiles(failedDir)).toEqual([]);
    const counts = deliveries(ctx.fakes);
    expect([...counts.keys()].sort()).toEqual(ids);
    expect([...counts.values()]).toEqual([1, 1]);
  });
});
