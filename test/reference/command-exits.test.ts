import { describe, expect, it } from 'vitest';
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
