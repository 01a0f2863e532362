import { count, durationMs } from '../../../common/validation/index.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { type EvaluationContext, formatSeconds } from '../evaluation-context.js';

const SHOWN = 5;
/** ListObjectsV2's page size, which the S3 fake uses too. */
const S3_PAGE_SIZE = 1_000;

/**
 * The backlog present when the target started (the first `seed:put`, before it was ready) is
 * delivered within `maxMs` of target time from ready, every record of it, including those in
 * objects beyond the first list page (keys in S3's listing order, `pageSize` a page). Observed:
 * the drain time and the throughput in records/s and objects/s of target time, so a run's report
 * carries them as measured figures.
 */
export const backlogDrained = defineExpectationKind({
  kind: 'backlog_drained',
  summary:
    'Every record present at start, including objects beyond the first list page, is delivered within maxMs ' +
    'of the target becoming ready; drain time and throughput are measured.',
  fields: { maxMs: durationMs({ required: true }), pageSize: count({ min: 1 }) },
  evaluate(spec, ctx) {
    const backlog = initialBacklog(ctx);
    const pageSize = spec.pageSize ?? S3_PAGE_SIZE;
    const readyMs = ctx.ofType('target:ready')[0]?.atMs ?? 0;
    const firstDelivery = new Map<string, number>();
    for (const e of ctx.ofType('record:ingested'))
      if (e.recordId !== null && !firstDelivery.has(e.recordId)) firstDelivery.set(e.recordId, e.atMs);
    const keys = [...new Set(backlog.map((r) => r.key))].sort();
    const page = new Map(keys.map((k, i) => [k, Math.floor(i / pageSize)]));
    const missing = backlog.filter((r) => !firstDelivery.has(r.id));
    const beyond = backlog.filter((r) => (page.get(r.key) ?? 0) > 0);
    const beyondMissing = beyond.filter((r) => !firstDelivery.has(r.id));
    const lastMs = Math.max(readyMs, ...backlog.map((r) => firstDelivery.get(r.id) ?? readyMs));
    const drainMs = missing.length === 0 ? lastMs - readyMs : null;
    const perS = (n: number): number | null => (drainMs ? Math.round((n / (drainMs / 1_000)) * 10) / 10 : null);
    const evidence = [
      `backlog at start: ${backlog.length} record(s) in ${keys.length} object(s), ` +
        `${Math.ceil(keys.length / pageSize)} list page(s) of ${pageSize}`,
      `beyond the first page: ${beyond.length - beyondMissing.length} of ${beyond.length} record(s) delivered`,
      drainMs === null
        ? `not drained: ${missing.length} record(s) never delivered`
        : `drained @${formatSeconds(lastMs)}: ${formatSeconds(drainMs)} after ready, ` +
          `${perS(backlog.length)} records/s, ${perS(keys.length)} objects/s (target time)`,
      ...missing
        .slice(0, SHOWN)
        .map((r) => `never delivered: record ${r.id} in ${r.key} (list page ${(page.get(r.key) ?? 0) + 1})`),
    ];
    return {
      name: `backlog drained within ${formatSeconds(spec.maxMs)}`,
      passed: backlog.length > 0 && drainMs !== null && drainMs <= spec.maxMs,
      expected: `every record present at start delivered within ${formatSeconds(spec.maxMs)} of ready`,
      observed: {
        drainMs,
        recordsPerS: perS(backlog.length),
        objectsPerS: perS(keys.length),
        undelivered: missing.length,
        undeliveredBeyondFirstPage: beyondMissing.length,
      },
      evidence,
    };
  },
});

function initialBacklog(ctx: EvaluationContext): readonly { readonly id: string; readonly key: string }[] {
  return ctx.ofType('seed:put')[0]?.records ?? [];
}
