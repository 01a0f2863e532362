import { at, durationMs } from '../../../common/validation/index.js';
import { breakerName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/**
 * Every time `breaker` went OPEN → HALF_OPEN in the run process, it stayed OPEN between `minMs`
 * and `maxMs` target ms. The runbook promises HALF_OPEN "after the recovery timeout": sooner is a
 * broken promise, and so is much later (a breaker that only probes when traffic happens to come).
 * @note OPEN → HALF_OPEN is lazy in the connector (on the first call after the timeout), so the
 * upper bound needs traffic during OPEN; scenarios keep records arriving for that reason.
 */
export const openDuration = defineExpectationKind({
  kind: 'open_duration',
  summary: 'Each OPEN → HALF_OPEN came after minMs..maxMs target ms in OPEN (the recovery timeout).',
  fields: {
    breaker: breakerName({ required: true }),
    minMs: durationMs({ required: true }),
    maxMs: durationMs({ required: true }),
  },
  refine(spec, path, problems) {
    if (spec.minMs > spec.maxMs)
      problems.push(`${at(path, 'minMs')}: must be <= maxMs (${spec.maxMs}), got ${spec.minMs}`);
  },
  perReplica: true,
  evaluate(spec, ctx) {
    const base = {
      name: `${spec.breaker} stays OPEN for the recovery timeout before HALF_OPEN`,
      expected: `${spec.minMs} ms ≤ OPEN ≤ ${spec.maxMs} ms, each time`,
    };
    const intervals = ctx.intervals(spec.breaker);
    const opens = intervals.filter(
      (interval, i) => interval.state === 'OPEN' && intervals[i + 1]?.state === 'HALF_OPEN',
    );
    if (opens.length === 0) {
      const evidence = intervals.map((i) => `@${formatSeconds(i.startMs)} ${i.state}: ${i.evidence}`).slice(0, 8);
      return { ...base, passed: false, observed: `${spec.breaker} never went OPEN → HALF_OPEN`, evidence };
    }
    const durations = opens.map((o) => Math.round(o.endMs - o.startMs));
    const evidence = opens.map((o, i) => `@${formatSeconds(o.startMs)} OPEN for ${durations[i]} ms: ${o.evidence}`);
    const passed = durations.every((d) => d >= spec.minMs && d <= spec.maxMs);
    return { ...base, passed, observed: durations.length === 1 ? durations[0] : durations, evidence };
  },
});
