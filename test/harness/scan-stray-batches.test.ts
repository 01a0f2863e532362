import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../harness/observe/event-bus.js';
import { scanStrayBatches } from '../../harness/observe/scan-stray-batches.js';

const batch = (ids: number[]): string => JSON.stringify({ data: ids.map((id) => ({ seq: id })) });
const identify = (record: Readonly<Record<string, unknown>>): string | null =>
  typeof record.seq === 'number' ? String(record.seq) : null;

let root = '';
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('stray failed-batch scan', () => {
  it('reports a batch outside the configured directory, not a file in a dir named after a failure', async () => {
    // The working directory's own name mentions "fail" (chaos-auth-failure-…): only the path
    // below it may make a JSON file look like a failed batch.
    root = await mkdtemp(join(tmpdir(), 'chaos-auth-failure-'));
    const configured = join(root, 'configured-failed-batches');
    await mkdir(configured);
    await mkdir(join(root, 'failed_batches'));
    await writeFile(join(root, 'progress.json'), '{}');
    await writeFile(join(configured, 'failed-batch-1.json'), batch([1]));
    await writeFile(join(root, 'failed_batches', 'failed-batch-2.json'), batch([2, 3]));

    const bus = createEventBus({ timeScale: 1 });
    const scanner = scanStrayBatches([root], configured, bus, { identify, rescanMs: 60_000 });
    await scanner.rescan();
    await scanner.stop();

    const stray = bus.ofType('batch-file:stray');
    expect(stray.map((e) => [e.path, e.recordIds])).toEqual([
      [join(root, 'failed_batches', 'failed-batch-2.json'), ['2', '3']],
    ]);
  });
});
