import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/**
 * The `run` process never exited on its own, and /health kept answering: at most one probe
 * sample in a row may miss (tolerance for a sample racing a busy event loop).
 */
export const targetAlive = defineExpectationKind({
  kind: 'target_alive',
  summary: 'The run process never exited on its own and /health kept answering.',
  fields: {},
  // Each replica answers its own /health and may crash on its own.
  perReplica: true,
  evaluate(_spec, ctx) {
    const crashes = ctx.ofType('target:exited').filter((e) => e.command === 'run' && !e.expected);
    const samples = ctx.ofType('probe:sampled');
    let streak = 0;
    let worstStreak = 0;
    const misses: string[] = [];
    for (const sample of samples) {
      if (sample.health === 200) streak = 0;
      else {
        streak += 1;
        misses.push(`@${formatSeconds(sample.atMs)} /health → ${sample.health ?? 'no answer'}`);
      }
      worstStreak = Math.max(worstStreak, streak);
    }
    const exits = crashes.map(
      (e) => `@${formatSeconds(e.atMs)} run (pid ${e.pid}) exited code=${e.code} signal=${e.signal}`,
    );
    return {
      name: 'target stayed alive',
      passed: crashes.length === 0 && worstStreak <= 1 && samples.length > 0,
      expected: 'no unexpected exit; /health answering (≤ 1 missed sample in a row)',
      observed:
        `${crashes.length} unexpected exit(s); ${samples.length} sample(s), ${misses.length} missed, ` +
        `longest miss streak ${worstStreak}`,
      evidence: [...exits, ...misses.slice(0, 20)],
    };
  },
});
