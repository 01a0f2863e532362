/**
 * Records that arrive while the target runs (`seed.arrivals`): put into S3 at their target time,
 * announced as `seed:put`. Keeps the breaker being called, since OPEN → HALF_OPEN happens only
 * on the first call after the recovery timeout.
 */
import type { EventBus } from '../observe/event-bus.js';
import { pause } from '../wait/wait-strategy.js';
import { type SeedTarget, seedRecords } from './seed-records.js';
import type { SeedSpec } from './seed-spec.js';

export interface ArrivalsOptions {
  readonly target: SeedTarget;
  /** n of the first arriving record (after the initial ones). */
  readonly firstN: number;
  readonly bus: EventBus;
  /** Timeline zero on the bus clock (target ms). */
  readonly originMs: number;
  readonly signal: AbortSignal;
}

/** Resolves when every arrival is put, or quietly when aborted. */
export async function scheduleArrivals(
  arrivals: NonNullable<SeedSpec['arrivals']>,
  options: ArrivalsOptions,
): Promise<void> {
  let n = options.firstN;
  for (const arrival of [...arrivals].sort((a, b) => a.atMs - b.atMs)) {
    const waitMs = arrival.atMs - (options.bus.nowMs() - options.originMs);
    try {
      if (waitMs > 0) await pause(waitMs / options.bus.timeScale, options.signal);
    } catch {
      return;
    }
    const batch = seedRecords(options.target, n, arrival.records);
    n += arrival.records;
    options.bus.emit({ type: 'seed:put', records: batch.records, keys: batch.keys });
  }
}
