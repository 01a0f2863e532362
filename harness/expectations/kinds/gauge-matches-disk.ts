import { string } from '../../../common/validation/index.js';
import { metricNameOf } from '../../observe/parse-exposition.js';
import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

/** The failed-batch gauge of the real connector (connector-contract §2.3) and the reference. */
export const DEFAULT_FAILED_BATCH_GAUGE = 's3_sentinel_failed_batch_files';
const MAX_LISTED = 15;
/**
 * Wall ms the harness itself may lag in seeing the directory (its watcher rescans every 200 ms,
 * and a half-written file waits for the next scan): two rescans, converted to target time.
 */
const WATCHER_LAG_WALL_MS = 400;

/**
 * The target's failed-batch gauge, when it exposes one, equals the number of files waiting in
 * the failed-batch directory (as the harness's watcher saw it), within one scrape interval: a
 * scrape's value must match the directory's count at some moment from one interval before to
 * one interval after it. Failed-batch files the target wrote OUTSIDE its configured directory
 * (stray, in a working directory) are waiting too: a gauge that does not count them tells the
 * operator the queue is empty while it is not.
 */
export const gaugeMatchesDisk = defineExpectationKind({
  kind: 'gauge_matches_disk',
  summary:
    'The failed-batch gauge (`metric`, default s3_sentinel_failed_batch_files) equals the files on disk ' +
    'within one scrape.',
  fields: { metric: string() },
  evaluate(spec, ctx) {
    const metric = spec.metric ?? DEFAULT_FAILED_BATCH_GAUGE;
    const name = `${metric} matches the failed-batch directory`;
    const scrapeMs = ctx.ofType('alerts:loaded').at(-1)?.intervalMs ?? 1_000;
    const scaled = ctx.events.find((e) => e.wallAtMs > 0);
    const scale = scaled ? scaled.atMs / scaled.wallAtMs : 1;
    const intervalMs = Math.round(scrapeMs + WATCHER_LAG_WALL_MS * scale);
    const expected =
      `gauge = files waiting on disk, within one scrape (${scrapeMs} ms) ` +
      `plus the harness's own watcher lag (${intervalMs - scrapeMs} ms)`;
    // The directory's count over time, as the watcher saw files arrive and leave.
    const changes: { atMs: number; count: number }[] = [{ atMs: Number.NEGATIVE_INFINITY, count: 0 }];
    const files = new Set<string>();
    for (const e of ctx.events) {
      if (e.type === 'batch-file:created') files.add(e.file);
      else if (e.type === 'batch-file:archived') files.delete(e.file);
      else if (e.type === 'batch-file:stray') files.add(`stray:${e.path}`);
      else continue;
      changes.push({ atMs: e.atMs, count: files.size });
    }
    const countsWithin = (fromMs: number, toMs: number): Set<number> => {
      const out = new Set<number>();
      for (let i = 0; i < changes.length; i += 1) {
        const endMs = changes[i + 1]?.atMs ?? Number.POSITIVE_INFINITY;
        if (changes[i].atMs <= toMs && endMs >= fromMs) out.add(changes[i].count);
      }
      return out;
    };
    const samples = ctx.ofType('probe:sampled').flatMap((s) => {
      const values = Object.entries(s.metrics).filter(([key]) => metricNameOf(key) === metric);
      const value = values.reduce((sum, [, v]) => sum + v, 0);
      return values.length === 0 ? [] : [{ atMs: s.atMs, fromMs: s.requestedAtMs ?? s.atMs, value }];
    });
    if (samples.length === 0)
      return {
        name,
        passed: true,
        expected,
        observed: `the target exposes no ${metric}: nothing to compare`,
        evidence: [],
      };
    // From the request (the target counts when asked) to the answer, widened by the tolerance.
    const off = samples.filter((s) => !countsWithin(s.fromMs - intervalMs, s.atMs + intervalMs).has(s.value));
    const peak = Math.max(...changes.map((c) => c.count));
    const strays = ctx.ofType('batch-file:stray');
    return {
      name,
      passed: off.length === 0,
      expected,
      observed:
        `${off.length} of ${samples.length} scrape(s) disagreed with the directory ` +
        `(which held up to ${peak} file(s))`,
      evidence: [
        ...off.slice(0, MAX_LISTED).map((s) => {
          const disk = [...countsWithin(s.fromMs - intervalMs, s.atMs + intervalMs)].join(' or ');
          return `@${formatSeconds(s.atMs)} ${metric} = ${s.value}, directory held ${disk}`;
        }),
        ...(strays.length > 0
          ? [
              `${strays.length} file(s) counted as waiting although written outside the configured directory, ` +
                `e.g. ${strays[0].path}`,
            ]
          : []),
      ],
    };
  },
});
