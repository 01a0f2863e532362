/**
 * The shape shared by the store scenarios (store-unwritable, store-full, store-vanishes): the
 * failed-batch store breaks at the moment it is needed, during a Sentinel outage, and comes back
 * later; then the breaker recovers, replay-failed runs and the backlog drains.
 *
 *   t=0 seed ─ 10 s Sentinel 503 + store broken ─ … OPEN → Sentinel back ─ 60 s store back
 *       ─ HALF_OPEN ─ CLOSED ─ replay ─ drain ─ stop
 *        └──────────── one record every 2 s until 120 s ────────────┘
 *
 * While the store is broken, every batch that fails (503s, then rejections while OPEN) needs the
 * store. No batch may be lost silently: it is kept and retried, or the target fails loudly; and by
 * the end every record must have been delivered.
 *
 * @note failed_calls_accounted is not asked here: it gives a failed call 10 s to reach a file or
 * Sentinel, and a target that keeps what it cannot store in memory (as it should) takes as long as
 * the store stays broken.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/index.js';
import { defineScenario } from '../../harness/scenario/define-scenario.js';
import type { Scenario } from '../../harness/scenario/types.js';
import type { StoreFault } from '../../harness/store/store-fault-kinds.js';
import { arrivalsEvery } from './arrivals.js';
import { drainAndStop } from './drain-and-stop.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED } from './integrity.js';
import { SENTINEL_BREAKER } from './sentinel-breaker-scenario.js';

const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;
/** The store comes back well after the breaker opened, so rejections while OPEN needed it too. */
const STORE_BACK_MS = 60_000;
const LAST_ARRIVAL_MS = 120_000;

export interface StoreFaultScenarioInput {
  readonly id: string;
  readonly fault: StoreFault;
  readonly title: string;
  /** What the fault does to the directory, for the description. */
  readonly what: string;
}

export function storeFaultScenario(input: StoreFaultScenarioInput): Scenario {
  return defineScenario({
    id: input.id,
    title: input.title,
    description:
      `During a Sentinel outage (503, Retry-After: 1 s) the failed-batch directory ${input.what}, until ` +
      `${STORE_BACK_MS / 1_000} s. Every batch that fails meanwhile needs the store. No batch may be lost silently: ` +
      'it is kept and retried, or the connector fails loudly (/ready or /health not OK, a non-zero exit). ' +
      'Once the store and Sentinel are back, replay-failed runs and every record must be delivered, unaltered.',
    tags: ['store', 'sentinel', 'replay'],
    runbookRow:
      'Runbook › Failed batch recovery: failed batches are kept in failed_batches/ (the fallback store) and ' +
      'replayed; the disk behind that fallback can be read-only, full or gone, which is when it is needed.',
    seed: { records: 10, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
    pollIntervalMs: 1_000,
    deadlineMs: 360_000,
    steps: [
      {
        atMs: FIRST_FAULT_MS,
        name: 'outage',
        action: {
          kind: 'inject',
          fault: {
            id: 'sentinel-503',
            description: 'Sentinel Upload → 503, Retry-After 1 s',
            target: { service: 'sentinel', operation: 'Upload' },
            effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
          },
        },
      },
      { atMs: FIRST_FAULT_MS, name: 'store-broken', action: { kind: 'store_fault', fault: input.fault } },
      {
        when: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'OPEN' },
        timeoutMs: 100_000,
        name: 'service-returns',
        action: { kind: 'clear', faultId: 'sentinel-503' },
      },
      { atMs: STORE_BACK_MS, name: 'store-back', action: { kind: 'clear_store_fault' } },
      {
        atMs: 0,
        name: 'closed',
        action: {
          kind: 'wait',
          until: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'CLOSED' },
          timeoutMs: RECOVERY_TIMEOUT_MS + 60_000,
        },
      },
      { atMs: 0, name: 'replay', action: { kind: 'replay_failed' } },
      ...drainAndStop(LAST_ARRIVAL_MS, 60_000),
    ],
    expectations: [
      {
        kind: 'request_count',
        name: 'uploads failed while the store was broken (the store was needed)',
        service: 'sentinel',
        operation: 'Upload',
        status: 503,
        betweenSteps: ['store-broken', 'store-back'],
        min: 1,
        promise: 'unstorable-batches-not-lost-silently',
      },
      { kind: 'no_silent_loss', promise: 'unstorable-batches-not-lost-silently' },
      { kind: 'archives_only_delivered', promise: 'replay-archives-only-delivered' },
      { kind: 'replay_report_truthful', promise: 'replay-report-truthful' },
      { kind: 'ledger', maxLost: 0, maxUndelivered: 0, promise: 'replay-nothing-lost' },
      RECORDS_UNALTERED,
      { kind: 'target_alive' },
    ],
  });
}
