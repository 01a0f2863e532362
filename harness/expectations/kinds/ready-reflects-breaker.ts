import { durationMs, string } from '../../../common/validation/index.js';
import { breakerName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/** Target ms a breaker may be OPEN before /ready must say so: a poll cycle and a scrape or two. */
export const DEFAULT_READY_GRACE_MS = 5_000;
const MAX_LISTED = 15;

/**
 * The operator's readiness probe tells the truth: while `breaker` has been OPEN longer than
 * `graceMs`, `/ready` does not answer 200 (the deployment's probes stop sending work to a pod whose
 * downstream is cut off). Judged on every scrape. A scenario may turn it `off` with a reason; the
 * verdict then passes and says the reason instead of judging.
 */
export const readyReflectsBreaker = defineExpectationKind({
  kind: 'ready_reflects_breaker',
  summary:
    '/ready does not answer 200 while `breaker` has been OPEN longer than `graceMs` (default 5 s); ' +
    '`off: reason` turns it off.',
  fields: { breaker: breakerName({ required: true }), graceMs: durationMs(), off: string() },
  evaluate(spec, ctx) {
    const graceMs = spec.graceMs ?? DEFAULT_READY_GRACE_MS;
    const name = `/ready reflects ${spec.breaker} OPEN`;
    const expected = `/ready ≠ 200 while ${spec.breaker} has been OPEN > ${graceMs} ms`;
    if (spec.off !== undefined)
      return {
        name: `${name} (off)`,
        passed: true,
        expected: 'not judged',
        observed: `turned off by the scenario: ${spec.off}`,
        evidence: [],
      };
    const opens = ctx.intervals(spec.breaker).filter((i) => i.state === 'OPEN');
    const samples = ctx.ofType('probe:sampled').filter((s) => s.ready !== null);
    const judged = samples.filter((s) => opens.some((o) => s.atMs >= o.startMs + graceMs && s.atMs < o.endMs));
    const lies = judged.filter((s) => s.ready === 200);
    const evidence = [
      ...opens.map(
        (o) =>
          `@${formatSeconds(o.startMs)}–${formatSeconds(o.endMs)} ${spec.breaker} OPEN: ${o.evidence.split('\n')[0]}`,
      ),
      ...lies.slice(0, MAX_LISTED).map((s) => `@${formatSeconds(s.atMs)} /ready → 200 while ${spec.breaker} OPEN`),
      ...(lies.length > MAX_LISTED ? [`… ${lies.length - MAX_LISTED} more`] : []),
      ...judged
        .filter((s) => s.ready !== 200)
        .slice(0, 3)
        .map((s) => `@${formatSeconds(s.atMs)} /ready → ${s.ready} while ${spec.breaker} OPEN`),
    ];
    if (judged.length === 0)
      return {
        name,
        passed: false,
        expected,
        observed:
          opens.length === 0
            ? `${spec.breaker} was never OPEN`
            : `no /ready sample fell in an OPEN period past the grace`,
        evidence,
      };
    return {
      name,
      passed: lies.length === 0,
      expected,
      observed: `${lies.length} of ${judged.length} /ready sample(s) in OPEN answered 200`,
      evidence,
    };
  },
});
