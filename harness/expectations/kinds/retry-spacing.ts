import { durationMs, number } from '../../../common/validation/index.js';
import { operationName, serviceName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { describeRequest } from '../evaluation-context.js';

const MAX_EVIDENCE = 20;

/**
 * After a request answered with `status` (e.g. 429 with Retry-After), the next request to the
 * same service/operation must start at least `minGapMs` after it. Measured start to start: the
 * fakes stamp a request's arrival precisely, while the moment they finish writing a response
 * lags under load (the harness shares their event loop). A 429 is answered at once, so the two
 * differ by a few ms. Vacuous runs fail: if no such response was ever seen, nothing was proven.
 */
export const retrySpacing = defineExpectationKind({
  kind: 'retry_spacing',
  summary: 'Requests after a response with `status` are spaced at least minGapMs (target ms).',
  fields: {
    service: serviceName({ required: true }),
    operation: operationName(),
    status: number({ required: true, integer: true, min: 100, max: 599 }),
    minGapMs: durationMs({ required: true }),
  },
  // Pacing is each client's: only Sentinel requests carry the replica's label (another replica's
  // request right after a 429 is no retry of it).
  perReplica: (spec) => spec.service === 'sentinel',
  evaluate(spec, ctx) {
    const requests = ctx.requests.filter(
      (r) => r.entry.service === spec.service && (spec.operation === undefined || r.entry.operation === spec.operation),
    );
    const gaps: { gapMs: number; line: string }[] = [];
    for (const [i, previous] of requests.entries()) {
      const next = requests[i + 1];
      if (next === undefined || previous.entry.status !== spec.status) continue;
      const gapMs = Math.round(next.startMs - previous.startMs);
      gaps.push({ gapMs, line: `${gapMs} ms between ${describeRequest(previous)} and ${describeRequest(next)}` });
    }
    const what = `${spec.service}${spec.operation ? ` ${spec.operation}` : ''}`;
    const base = {
      name: `${what} requests after a ${spec.status} spaced ≥ ${spec.minGapMs} ms`,
      expected: `every gap ≥ ${spec.minGapMs} ms`,
    };
    if (gaps.length === 0) {
      const observed = `no ${spec.status} response followed by another request was seen`;
      return { ...base, passed: false, observed, evidence: [] };
    }
    const violations = gaps.filter((g) => g.gapMs < spec.minGapMs);
    const minGap = Math.min(...gaps.map((g) => g.gapMs));
    const shown = violations.length > 0 ? violations : [...gaps].sort((a, b) => a.gapMs - b.gapMs);
    return {
      ...base,
      passed: violations.length === 0,
      observed: `min gap ${minGap} ms over ${gaps.length} gap(s); ${violations.length} below the bound`,
      evidence: shown.slice(0, MAX_EVIDENCE).map((g) => g.line),
    };
  },
});
