/**
 * What `replay-failed` tells its caller: one stdout line and the exit code. Truthful by default:
 * `failed` counts files left in place (upload failed, or unreadable), and any such file makes the
 * exit code 1. The `replay_report_lies` knob reports everything archived and exits 0, whatever
 * happened, so the harness can prove it reads the directory rather than trusting the report.
 */

export interface ReplaySummary {
  /** Files attempted. */
  readonly processed: number;
  /** Files moved to `archived/`. */
  readonly archived: number;
  /** Files left in place because their upload failed or they were unreadable. */
  readonly failed: number;
}

export interface ReplayReport {
  readonly line: string;
  readonly exitCode: 0 | 1;
}

/**
 * @example replayReport({ processed: 3, archived: 2, failed: 1 }, false)
 * // → { line: 'Replay complete: processed=3 archived=2 failed=1', exitCode: 1 }
 */
export function replayReport(summary: ReplaySummary, lies: boolean): ReplayReport {
  const { processed, archived, failed } = summary;
  if (lies) return { line: `Replay complete: processed=${processed} archived=${processed} failed=0`, exitCode: 0 };
  return {
    line: `Replay complete: processed=${processed} archived=${archived} failed=${failed}`,
    exitCode: failed > 0 ? 1 : 0,
  };
}
