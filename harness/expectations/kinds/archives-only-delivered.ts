import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';
import { recordTimeline } from './record-timeline.js';

const SHOWN = 20;

/**
 * No failed-batch file leaves the directory (archived or removed) unless every record in it had
 * reached Sentinel by then: archiving a batch whose upload failed loses it silently. A file is
 * seen to go at the watcher's next scan, so "by then" allows the harness's own scan interval.
 */
export const archivesOnlyDelivered = defineExpectationKind({
  kind: 'archives_only_delivered',
  summary: 'A failed-batch file is archived or removed only after all its records were delivered.',
  fields: {},
  evaluate(_spec, ctx) {
    const timeline = recordTimeline(ctx);
    // The directory is rescanned every 200 ms of wall time.
    const slackMs = 200 * ctx.resolutionMs;
    const gone = timeline.files.filter((f) => f.archivedAtMs !== null);
    const bad = gone.flatMap((f) => {
      const undelivered = f.recordIds.filter((id) => !timeline.deliveredBy(id, (f.archivedAtMs ?? 0) + slackMs));
      if (undelivered.length === 0) return [];
      const ids = undelivered.slice(0, 10).join(', ');
      return [`@${formatSeconds(f.archivedAtMs ?? 0)} ${f.file} left the directory; undelivered record(s): ${ids}`];
    });
    return {
      name: 'failed batches archived only once delivered',
      passed: bad.length === 0,
      expected: 'every archived file fully delivered',
      observed: `${bad.length} of ${gone.length} archived file(s) held undelivered records`,
      evidence: bad.slice(0, SHOWN),
    };
  },
});
