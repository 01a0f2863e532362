import { defineExpectationKind } from '../define-expectation-kind.js';
import type { EvaluationContext } from '../evaluation-context.js';
import { formatSeconds } from '../evaluation-context.js';
import { type RecordTimeline, recordTimeline } from './record-timeline.js';

const SUMMARY = /processed=(\d+)\s+archived=(\d+)\s+failed=(\d+)/;

/**
 * Each replay-failed run tells the truth, judged against what the Sentinel fake received: it
 * prints its summary line, the files it says it archived are the files that left the directory,
 * and it exits non-zero whenever a file it was given still holds records that were not delivered.
 */
export const replayReportTruthful = defineExpectationKind({
  kind: 'replay_report_truthful',
  summary: "replay-failed's summary line and exit code match what Sentinel received and what left the directory.",
  fields: {},
  evaluate(_spec, ctx) {
    const timeline = recordTimeline(ctx);
    const replays = ctx.ofType('oneshot:completed').filter((o) => o.command === 'replay-failed');
    if (replays.length === 0)
      return {
        name: 'replay reports the truth',
        passed: false,
        expected: '≥ 1 replay',
        observed: 'no replay ran',
        evidence: [],
      };
    const lies = replays.flatMap((replay) => judgeReplay(ctx, timeline, replay));
    return {
      name: 'replay reports the truth',
      passed: lies.length === 0,
      expected: 'summary and exit code match what was delivered and archived',
      observed: `${lies.length} discrepancy(ies) over ${replays.length} replay(s)`,
      evidence: [
        ...replays.map((r) => `@${formatSeconds(r.atMs)} exit ${r.code}: ${r.summary ?? '(no summary)'}`),
        ...lies,
      ],
    };
  },
});

function judgeReplay(
  ctx: EvaluationContext,
  timeline: RecordTimeline,
  replay: {
    readonly pid: number;
    readonly atMs: number;
    readonly code: number | null;
    readonly summary: string | null;
  },
): string[] {
  const launch = ctx.ofType('target:launched').find((l) => l.pid === replay.pid);
  const startMs = launch?.atMs ?? 0;
  const endMs = replay.atMs + 200 * ctx.resolutionMs;
  const given = timeline.files.filter((f) => f.createdAtMs <= startMs && (f.archivedAtMs ?? Infinity) >= startMs);
  const archived = given.filter((f) => f.archivedAtMs !== null && f.archivedAtMs <= endMs);
  const stillUndelivered = given.filter((f) => f.recordIds.some((id) => !timeline.deliveredBy(id, endMs)));
  const at = `replay @${formatSeconds(replay.atMs)}`;
  const lies: string[] = [];
  const summary = replay.summary ? SUMMARY.exec(replay.summary) : null;
  if (!summary) lies.push(`${at}: printed no "processed=… archived=… failed=…" summary`);
  else if (Number(summary[2]) !== archived.length)
    lies.push(
      `${at}: says archived=${summary[2]}, but ${archived.length} of the ${given.length} file(s) it was given left`,
    );
  if (stillUndelivered.length > 0 && replay.code === 0)
    lies.push(
      `${at}: exited 0, but ${stillUndelivered.length} file(s) it was given hold records Sentinel never received ` +
        `(e.g. ${stillUndelivered[0]?.file})`,
    );
  if (summary && stillUndelivered.length > 0 && Number(summary[3]) === 0)
    lies.push(`${at}: says failed=0, but ${stillUndelivered.length} file(s) were not delivered`);
  return lies;
}
