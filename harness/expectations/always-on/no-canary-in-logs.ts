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
      return `@${formatSeconds(event.atMs)} ${event.command} ${event.stream}: ${around(hit.masked)}`;
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

/** A long line cut to the part around its first mask, so the evidence shows where the leak is. */
function around(masked: string): string {
  if (masked.length <= LINE_CHARS) return masked;
  const at = Math.max(0, masked.search(/\[canary:|\[fake bearer token\]/) - LINE_CHARS / 2);
  const start = Math.min(at, masked.length - LINE_CHARS);
  return `${start > 0 ? '…' : ''}${masked.slice(start, start + LINE_CHARS)}…`;
}
