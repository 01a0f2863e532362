import { formatSeconds } from '../evaluation-context.js';
import { defineAlwaysOnCheck } from './define-always-on-check.js';

/**
 * Every logged transition must start from the state the harness last saw for that breaker in that
 * process. The real connector logs a re-open from HALF_OPEN as `CLOSED → OPEN` (connector-contract
 * §2.1): such a line is reported here as an impossible transition.
 */
export const noImpossibleTransitions = defineAlwaysOnCheck({
  kind: 'no_impossible_transitions',
  summary: 'Every logged breaker transition starts from the state last seen for that breaker.',
  evaluate(ctx) {
    const bad = ctx.ofType('breaker:transitioned').filter((e) => !e.consistent);
    const line = (e: (typeof bad)[number]): string =>
      `@${formatSeconds(e.atMs)} ${e.breaker} (${e.command} pid ${e.pid}) was ${e.expectedFrom}, ` +
      `log says ${e.from} → ${e.to}: ${e.line.split('\n')[0]}`;
    return {
      name: 'no impossible breaker transitions',
      passed: bad.length === 0,
      expected: 0,
      observed: bad.length,
      evidence: bad.slice(0, 20).map(line),
    };
  },
});
