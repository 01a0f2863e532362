/**
 * The evidence files next to the result file: the full target log and the fakes' full journal,
 * streamed as they arrive and listed in the result's `artifacts`.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../fakes/core/types.js';
import { createEventBus } from '../../harness/observe/event-bus.js';
import { openRunArtifacts } from '../../harness/run/run-artifacts.js';
import { quietScenario } from './fixtures/reference-fixtures.js';
import { logRecord, request } from './helpers/synthetic-events.js';
import { expectNothingLeft, trackedRun } from './helpers/tracked-run.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chaos-artifacts-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

describe('run artifacts writer', () => {
  it(
    'prefixes every line of every record, ' + 'and times journal entries from time zero even when they came before it',
    async () => {
      let wallMs = 1_000_000;
      const bus = createEventBus({ timeScale: 10, wallNow: () => wallMs });
      const dir = await tempDir();
      const artifacts = await openRunArtifacts(bus, dir, 'demo');
      const early = request('s3', 'ListObjectsV2', 200, 0);
      // Journal times are epoch ms on the fakes' clock: 1 s of wall time after the bus origin.
      bus.emit({
        ...early,
        entry: { ...(early as { entry: JournalEntry }).entry, startedAtMs: 1_001_000 },
      } as typeof early);
      bus.emit(logRecord('Traceback:\n  line 1'));
      wallMs = 1_002_000;
      bus.rebase();
      artifacts.markTimeZero();
      const late = request('sentinel', 'Upload', 204, 0, { clientRequestId: 'call-1' });
      bus.emit({
        ...late,
        entry: { ...(late as { entry: JournalEntry }).entry, startedAtMs: 1_003_000 },
      } as typeof late);
      bus.emit(logRecord('replayed 1 file', 'replay-failed'));

      expect(await artifacts.close()).toEqual({ targetLog: 'demo.target.log', journal: 'demo.journal.ndjson' });
      expect(await artifacts.close()).toEqual({ targetLog: 'demo.target.log', journal: 'demo.journal.ndjson' });
      // Written nothing after close.
      bus.emit(logRecord('after close'));

      expect(lines(await readFile(join(dir, 'demo.target.log'), 'utf8'))).toEqual([
        '[run] Traceback:',
        '[run]   line 1',
        '[replay-failed] replayed 1 file',
      ]);
      const journal = lines(await readFile(join(dir, 'demo.journal.ndjson'), 'utf8')).map(
        (line) => JSON.parse(line) as JournalEntry & { targetMs: number },
      );
      expect(journal.map((e) => [e.service, e.targetMs, e.clientRequestId])).toEqual([
        ['s3', -10_000, undefined],
        ['sentinel', 10_000, 'call-1'],
      ]);
    },
  );
});

describe('runScenario evidence files', () => {
  it('writes the full target log and journal next to the result file and lists them', async () => {
    const outDir = await tempDir();
    const run = await trackedRun(quietScenario, { outDir, timeScale: 20 });
    expect(run.error).toBeUndefined();
    const result = run.result!;
    expect(result.artifacts).toEqual({
      targetLog: 'fixture-quiet.target.log',
      journal: 'fixture-quiet.journal.ndjson',
    });

    const logPath = join(outDir, result.artifacts!.targetLog);
    const journalPath = join(outDir, result.artifacts!.journal);
    expect((await stat(logPath)).size).toBeGreaterThan(0);
    expect((await stat(journalPath)).size).toBeGreaterThan(0);

    const log = lines(await readFile(logPath, 'utf8'));
    expect(log.every((line) => /^\[(run|replay-failed|ingest)\] /.test(line))).toBe(true);
    // The excerpt is a subset of the full log (here the whole of it: a short run).
    expect(log.length).toBeGreaterThanOrEqual(result.logExcerpt.length);

    const journal = lines(await readFile(journalPath, 'utf8')).map(
      (line) => JSON.parse(line) as JournalEntry & { targetMs: number },
    );
    const requestsInResult = Object.values(result.requestCounts)
      .flatMap((byOp) => Object.values(byOp))
      .reduce((a, b) => a + b, 0);
    expect(journal).toHaveLength(requestsInResult);
    expect(journal.map((e) => e.seq)).toEqual(journal.map((_, i) => journal[0]!.seq + i));
    expect(journal.every((e) => Number.isFinite(e.targetMs))).toBe(true);
    expect(
      journal.filter((e) => e.service === 'sentinel' && e.operation === 'Upload' && e.status === 204).length,
    ).toBeGreaterThan(0);
    await expectNothingLeft(run);
  }, 60_000);
});
