import { count } from '../../../common/validation/index.js';
import { breakerName, operationName, serviceName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { describeRequest, formatSeconds } from '../evaluation-context.js';
import { callStartOf, callStarts, inAnyWindow, replayWindows } from './calls.js';

/**
 * `half_open_max_calls` bounds the probes of ONE recovery attempt: every HALF_OPEN window of the
 * `run` process is judged on its own. (A sum over the run would let a breaker that relapses twice
 * pass with six probes in one window, or fail a correct one that relapsed.) A probe is a call, placed
 * where its first request started, so an SDK's retries of one probe count once.
 */
export const halfOpenProbes = defineExpectationKind({
  kind: 'half_open_probes',
  summary:
    'In EVERY HALF_OPEN window of a breaker, at most `max` calls reach the service (retries of a call count once).',
  fields: {
    breaker: breakerName({ required: true }),
    service: serviceName({ required: true }),
    operation: operationName(),
    max: count({ required: true }),
  },
  evaluate(spec, ctx) {
    const windows = ctx.intervals(spec.breaker).filter((i) => i.state === 'HALF_OPEN');
    const replays = replayWindows(ctx);
    const relevant = ctx.requests.filter(
      (r) => r.entry.service === spec.service && (spec.operation === undefined || r.entry.operation === spec.operation),
    );
    const starts = callStarts(relevant);
    const firstOfCall = relevant.filter((r) => callStartOf(r, starts) === r.startMs);
    const evidence: string[] = [];
    const counts: number[] = [];
    for (const window of windows) {
      const probes = firstOfCall.filter((r) => ctx.isDuring(window, r.startMs) && !inAnyWindow(replays, r.startMs));
      counts.push(probes.length);
      const span = `${formatSeconds(window.startMs)}–${formatSeconds(window.endMs)}`;
      const mark = probes.length > spec.max ? ' (over the limit)' : '';
      evidence.push(`HALF_OPEN ${span}: ${probes.length} call(s)${mark}`);
      if (probes.length > spec.max) evidence.push(...probes.slice(0, 10).map((r) => `  ${describeRequest(r)}`));
    }
    const what = `${spec.service}${spec.operation ? ` ${spec.operation}` : ''}`;
    return {
      name: `${spec.breaker} lets at most ${spec.max} ${what} call(s) through per HALF_OPEN window`,
      passed: counts.every((n) => n <= spec.max),
      expected: `≤ ${spec.max} per window`,
      observed: windows.length === 0 ? 'no HALF_OPEN window' : `per window: ${counts.join(', ')}`,
      evidence: evidence.length > 0 ? evidence : [`${spec.breaker} was never HALF_OPEN in the run process`],
    };
  },
});
