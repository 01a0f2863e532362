import { breakerName } from '../../domain/fields.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/** The target logged serving a cached secret while `breaker` was OPEN (by the harness's own view too). */
export const secretServedFromCache = defineExpectationKind({
  kind: 'secret_served_from_cache',
  summary: 'The target served its cached secret while the named breaker was OPEN.',
  fields: { breaker: breakerName({ required: true }) },
  evaluate(spec, ctx) {
    const open = ctx.intervals(spec.breaker).filter((i) => i.state === 'OPEN');
    const served = ctx.ofType('secret:served-from-cache').filter((e) => e.breaker === spec.breaker);
    const whileOpen = served.filter((e) => open.some((i) => e.atMs >= i.startMs && e.atMs <= i.endMs));
    return {
      name: `secret served from cache while ${spec.breaker} OPEN`,
      passed: whileOpen.length > 0,
      expected: '≥ 1 cached secret served while OPEN',
      observed: whileOpen.length,
      evidence: [
        `${spec.breaker} OPEN ${open.length} time(s)`,
        ...served.slice(0, 20).map((e) => `@${formatSeconds(e.atMs)} ${e.line}`),
      ],
    };
  },
});
