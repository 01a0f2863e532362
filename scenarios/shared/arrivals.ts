import type { SeedSpec } from '../../harness/scenario/types.js';

/**
 * `records` new records every `everyMs` from `fromMs` to `toMs` (target ms, inclusive).
 *
 * @example arrivalsEvery(2_000, { fromMs: 2_000, toMs: 10_000 }) // 5 arrivals of 1 record
 */
export function arrivalsEvery(
  everyMs: number,
  window: { readonly fromMs: number; readonly toMs: number },
  records = 1,
): NonNullable<SeedSpec['arrivals']> {
  const out: { atMs: number; records: number }[] = [];
  for (let atMs = window.fromMs; atMs <= window.toMs; atMs += everyMs) out.push({ atMs, records });
  return out;
}
