import { describe, expect, it } from 'vitest';
import { type IngestResult, ingestExit } from '../../harness/targets/reference/ingest-exit.js';
import { replayReport } from '../../harness/targets/reference/replay-report.js';

describe('replayReport', () => {
  it('prints the summary and exits 1 when any file was left in place', () => {
    expect(replayReport({ processed: 3, archived: 2, failed: 1 }, false)).toEqual({
      line: 'Replay complete: processed=3 archived=2 failed=1',
      exitCode: 1,
    });
    expect(replayReport({ processed: 2, archived: 2, failed: 0 }, false)).toEqual({
      line: 'Replay complete: processed=2 archived=2 failed=0',
      exitCode: 0,
    });
    expect(replayReport({ processed: 0, archived: 0, failed: 0 }, false).exitCode).toBe(0);
  });

  it('replay_report_lies: everything reads archived and the exit is 0, whatever happened', () => {
    expect(replayReport({ processed: 3, archived: 0, failed: 3 }, true)).toEqual({
      line: 'Replay complete: processed=3 archived=3 failed=0',
      exitCode: 0,
    });
  });
});

describe('ingestExit', () => {
  const clean: IngestResult = { cycleFailed: false, records: 5, unstored: 0, storeError: null, dropped: 0 };

  it('exits 0 when every record read was delivered or stored', () => {
    expect(ingestExit(clean, false)).toEqual({ exitCode: 0, error: null });
  });

  it('exits 1 when the cycle failed (listing), which it already logged', () => {
    expect(ingestExit({ ...clean, cycleFailed: true }, false)).toEqual({ exitCode: 1, error: null });
  });

  it('exits 1 with one ERROR line counting records neither delivered nor stored', () => {
    const exit = ingestExit({ ...clean, unstored: 2, storeError: 'ENOTDIR: not a directory', dropped: 1 }, false);
    expect(exit).toEqual({
      exitCode: 1,
      error:
        'Failed to deliver or store 3 of 5 record(s) read: 2 could not be stored (ENOTDIR: not a directory); ' +
        '1 were dropped by a test knob. Make failedBatchesDir writable and run ingest again: their objects were ' +
        'not marked handled. Turn off drop_failed_batches and skip_store_on_timeout: those records are lost.',
    });
  });

  it('oneshot_exit_zero: exits 0 even then (and still logs the count)', () => {
    const exit = ingestExit({ ...clean, unstored: 5, storeError: 'EROFS' }, true);
    expect(exit.exitCode).toBe(0);
    expect(exit.error).toMatch(/^Failed to deliver or store 5 of 5 record\(s\) read: 5 could not be stored \(EROFS\)/);
  });
});
