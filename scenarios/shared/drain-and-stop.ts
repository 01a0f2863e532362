import type { Step } from '../../harness/scenario/types.js';

/**
 * The ending most scenarios share: once the last record has arrived (plus a poll or so), wait
 * until every seeded record reached Sentinel, then stop the run process.
 *
 * @example steps: [...faultSteps, ...drainAndStop(LAST_ARRIVAL_MS)]
 */
export function drainAndStop(lastArrivalMs: number, drainTimeoutMs = 30_000): Step[] {
  return [
    {
      atMs: lastArrivalMs + 5_000,
      name: 'drain',
      action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: drainTimeoutMs },
    },
    { atMs: 0, name: 'stop', action: { kind: 'stop_target' } },
  ];
}
