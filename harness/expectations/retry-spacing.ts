import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import { describeRequest, type EvaluationContext } from './evaluation-context.js';

type RetrySpacingExpectation = Extract<Expectation, { kind: 'retry_spacing' }>;
const MAX_EVIDENCE = 20;

/**
 * After a request answered with `status` (e.g. 429 with Retry-After), the next request to the
 * same service/operation must start at least `minGapMs` after it. Measured start to start: the
 * fakes stamp a request's arrival precisely, while the moment they finish writing a response
 * lags under load (the harness shares their event loop). A 429 is answered at once, so the two
 * differ by a few ms. Vacuous runs fail: if no such response was ever seen, nothing was proven.
 */
export function evaluateRetrySpacing(expectation: RetrySpacingExpectation, ctx: EvaluationContext): ResultExpectation {
  const requests = ctx.requests.filter(
    (r) =>
      r.entry.service === expectation.service &&
      (expectation.operation === undefined || r.entry.operation === expectation.operation),
  );
  const gaps: { gapMs: number; line: string }[] = [];
  for (let i = 1; i < requests.length; i += 1) {
    const previous = requests[i - 1]!;
    if (previous.entry.status !== expectation.status) continue;
    const next = requests[i]!;
    const gapMs = Math.round(next.startMs - previous.startMs);
    gaps.push({ gapMs, line: `${gapMs} ms between ${describeRequest(previous)} and ${describeRequest(next)}` });
  }
  const what = `${expectation.service}${expectation.operation ? ` ${expectation.operation}` : ''}`;
  const base = {
    name: `${what} requests after a ${expectation.status} spaced ≥ ${expectation.minGapMs} ms`,
    kind: expectation.kind,
    expected: `every gap ≥ ${expectation.minGapMs} ms`,
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
  if (gaps.length === 0)
    return {
      ...base,
      passed: false,
      observed: `no ${expectation.status} response followed by another request was seen`,
      evidence: [],
    };
  const violations = gaps.filter((g) => g.gapMs < expectation.minGapMs);
  const minGap = Math.min(...gaps.map((g) => g.gapMs));
  const shown = (violations.length > 0 ? violations : [...gaps].sort((a, b) => a.gapMs - b.gapMs)).slice(
    0,
    MAX_EVIDENCE,
  );
  return {
    ...base,
    passed: violations.length === 0,
    observed: `min gap ${minGap} ms over ${gaps.length} gap(s); ${violations.length} below the bound`,
    evidence: shown.map((g) => g.line),
  };
}
