import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';
import { recordTimeline } from './record-timeline.js';

/**
 * A one-shot `ingest` exits non-zero when records it was given (in S3 when it started, not yet
 * delivered or stored) were neither delivered nor stored by the time it exited: what any CI user
 * of a command line expects.
 */
export const oneshotExitTruthful = defineExpectationKind({
  kind: 'oneshot_exit_truthful',
  summary: 'A one-shot ingest exits non-zero when records were neither delivered nor stored.',
  fields: {},
  evaluate(_spec, ctx) {
    const timeline = recordTimeline(ctx);
    const runs = ctx.ofType('oneshot:completed').filter((o) => o.command === 'ingest');
    const name = 'one-shot ingest exit code tells the truth';
    if (runs.length === 0)
      return { name, passed: false, expected: '≥ 1 ingest', observed: 'no ingest ran', evidence: [] };
    const slackMs = 200 * ctx.resolutionMs;
    const storedBy = (id: string, atMs: number): boolean =>
      timeline.files.some((f) => f.createdAtMs <= atMs && f.recordIds.includes(id));
    const evidence: string[] = [];
    let lies = 0;
    for (const run of runs) {
      const startMs = ctx.ofType('target:launched').find((l) => l.pid === run.pid)?.atMs ?? 0;
      const given = ctx
        .ofType('seed:put')
        .filter((s) => s.atMs <= startMs)
        .flatMap((s) => s.records.map((r) => r.id))
        .filter((id) => !timeline.deliveredBy(id, startMs) && !storedBy(id, startMs));
      const unaccounted = given.filter(
        (id) => !timeline.deliveredBy(id, run.atMs) && !storedBy(id, run.atMs + slackMs),
      );
      const example = unaccounted.length > 0 ? ` (e.g. ${unaccounted.slice(0, 5).join(', ')})` : '';
      const line =
        `@${formatSeconds(run.atMs)} ingest exited ${run.code}: ${given.length} record(s) to ingest, ` +
        `${unaccounted.length} neither delivered nor stored${example}`;
      evidence.push(line);
      if (unaccounted.length > 0 && run.code === 0) lies += 1;
    }
    return {
      name,
      passed: lies === 0,
      expected: 'non-zero exit whenever records were neither delivered nor stored',
      observed: `${lies} of ${runs.length} ingest run(s) exited 0 with records unaccounted for`,
      evidence,
    };
  },
});
