/**
 * Whether a rule fires for its n-th matching request. Probability draws come from a per-rule seeded
 * source, so the sequence of hits and misses is the same on every run with the same seed.
 */
import { createPrng } from './prng.js';
import type { FaultSchedule } from './types.js';

export interface ScheduleState {
  /**
   * @param matchedCount the 1-based count of matching requests, this one included
   * @param elapsedTargetMs target ms since the rule was added
   */
  fires(matchedCount: number, elapsedTargetMs: number): boolean;
}

export function createScheduleState(schedule: FaultSchedule, seed: number): ScheduleState {
  switch (schedule.kind) {
    case 'always':
      return { fires: () => true };
    case 'first':
      return { fires: (matched) => matched <= schedule.count };
    case 'every_nth':
      return { fires: (matched) => matched % schedule.n === 0 };
    case 'probability': {
      const random = createPrng(schedule.seed ?? seed);
      // @note Draw on every match, hit or miss, so the sequence depends only on the match count.
      return { fires: () => random() < schedule.p };
    }
    case 'window':
      return { fires: (_matched, elapsedMs) => elapsedMs >= schedule.startMs && elapsedMs < schedule.endMs };
  }
}
