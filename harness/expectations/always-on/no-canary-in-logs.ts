import { CANARIES, findCanaries } from '../../seed/corpus/canaries.js';
import { formatSeconds } from '../evaluation-context.js';
import { defineAlwaysOnCheck } from './define-always-on-check.js';

const SHOWN = 5;
const LINE_CHARS = 300;

/**
 * Log hygiene: no canary value the seeded records carry (credential- and PII-shaped strings in
 * their rule names, seed/corpus/canaries.ts) and no bearer token the identity fake issued appears
 * in anything the target wrote to stdout or stderr. A connector that logs record content or its
 * credentials leaks one. Evidence is the log line itself with every canary and token masked, so
 * the report never repeats what it flags.
 */
export const noCanaryInLogs = defineAlwaysOnCheck({
  kind: 'no_canary_in_logs',
  summary: 'No seeded canary value and no bearer token issued by the fakes appears in the target’s stdout or stderr.',
  promise: 'no-secrets-in-logs',
  evaluate(ctx) {
    const records = ctx.ofType('log:record');
    const hits = records.flatMap((e) => {
      const hit = findCanaries(e.record);
      return hit ? [{ event: e, hit }] : [];
    });
    const shapes = [...new Set(hits.flatMap((h) => h.hit.shapes))];
    const evidence = hits.slice(0, SHOWN).map(({ event, hit }) => {
      const line = hit.masked.length > LINE_CHARS ? `${hit.masked.slice(0, LINE_CHARS)}…` : hit.masked;
      return `@${formatSeconds(event.atMs)} ${event.command} ${event.stream}: ${line}`;
    });
    if (hits.length > SHOWN) evidence.push(`… ${hits.length - SHOWN} more log record(s) with a canary or token`);
    if (hits.length === 0)
      evidence.push(`${records.length} log record(s) scanned for ${CANARIES.length} canaries and fake bearer tokens`);
    return {
      name: 'no canary or token in the target’s logs',
      passed: hits.length === 0,
      expected: 'no canary value and no fake bearer token in stdout or stderr',
      observed: hits.length === 0 ? 'none' : `${hits.length} log record(s) leaked: ${shapes.join(', ')}`,
      evidence,
    };
  },
});
