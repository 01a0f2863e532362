/**
 * The shape shared by the Sentinel breaker scenarios (rate-limit, sentinel-outage,
 * auth-failure): a fault on Sentinel uploads while records keep arriving, lifted as soon as the
 * breaker opens, then recovery, replay, and the ledger.
 *
 *   t=0 seed ─ 3 s inject ─ … breaker OPEN → lift ─ (recovery_timeout) ─ HALF_OPEN ─ CLOSED
 *       ─ replay ─ drain ─ stop
 *        └─────── one record every 2 s until 160 s (keeps the breaker being called: ───┘
 *                 OPEN → HALF_OPEN happens only on the first call after the timeout)
 *
 * @note The arrivals run well past the expected CLOSED (~100 s): at high time scales a loaded
 * machine stretches the target's own work in target time, and a breaker that opens late must
 * still see calls after its recovery timeout.
 *
 * Every bound comes from the RUNBOOK (RUNBOOK_BREAKER_DEFAULTS), never from the target's own
 * configuration: a target configured to break a promise must fail, not move the goalposts.
 */
import type { FaultEffect } from '../../fakes/core/types.js';
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/index.js';
import { defineScenario } from '../../harness/scenario/define-scenario.js';
import type { Expectation, Scenario } from '../../harness/scenario/types.js';
import { arrivalsEvery } from './arrivals.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from './integrity.js';

export const SENTINEL_BREAKER = 'azure-sentinel';

/**
 * Recovery bound: from the lift (at OPEN) to CLOSED. HALF_OPEN cannot come before
 * recovery_timeout after OPEN; then two successful uploads must happen, each waiting for the
 * next arriving record (≤ 2 s) and the next poll (1 s). Stated tolerance: 15 s above the
 * timeout, 2 s below it (the lift reacts to the OPEN log line a little after the breaker opened).
 */
export const RECOVERY_TOLERANCE_MS = 15_000;
export const RECOVERY_EARLY_TOLERANCE_MS = 2_000;
const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;

export interface SentinelBreakerScenarioInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly runbookRow: string;
  readonly tags: Scenario['tags'];
  readonly faultId: string;
  readonly faultDescription: string;
  readonly effect: FaultEffect;
  /** Name of the step that lifts the fault (the recovery clock starts there). */
  readonly liftStep: string;
  readonly extraExpectations?: readonly Expectation[];
  /** Target options the scenario needs (users' --target-option wins). */
  readonly targetOptions?: Readonly<Record<string, string>>;
}

export function sentinelBreakerScenario(input: SentinelBreakerScenarioInput): Scenario {
  return defineScenario({
    id: input.id,
    title: input.title,
    description: input.description,
    runbookRow: input.runbookRow,
    tags: input.tags,
    seed: { records: 20, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: 160_000 }) },
    pollIntervalMs: 1_000,
    ...(input.targetOptions ? { targetOptions: input.targetOptions } : {}),
    deadlineMs: 480_000,
    steps: [
      {
        atMs: FIRST_FAULT_MS,
        name: 'inject',
        action: {
          kind: 'inject',
          fault: {
            id: input.faultId,
            description: input.faultDescription,
            target: { service: 'sentinel', operation: 'Upload' },
            effect: input.effect,
          },
        },
      },
      {
        when: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'OPEN' },
        timeoutMs: 100_000,
        name: input.liftStep,
        action: { kind: 'clear', faultId: input.faultId },
      },
      {
        atMs: 0,
        name: 'half-open',
        action: {
          kind: 'wait',
          until: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'HALF_OPEN' },
          timeoutMs: RECOVERY_TIMEOUT_MS + 30_000,
        },
      },
      {
        atMs: 0,
        name: 'closed',
        action: {
          kind: 'wait',
          until: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'CLOSED' },
          timeoutMs: 30_000,
        },
      },
      { atMs: 0, name: 'replay', action: { kind: 'replay_failed' } },
      {
        atMs: 165_000,
        name: 'drain',
        action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: 30_000 },
      },
      { atMs: 0, name: 'stop', action: { kind: 'stop_target' } },
    ],
    expectations: [
      {
        kind: 'breaker_sequence',
        breaker: SENTINEL_BREAKER,
        sequence: ['CLOSED', 'OPEN', 'HALF_OPEN', 'CLOSED'],
        match: 'exact',
        promise: 'breaker-opens-at-threshold',
      },
      {
        kind: 'open_duration',
        breaker: SENTINEL_BREAKER,
        minMs: RECOVERY_TIMEOUT_MS - RECOVERY_EARLY_TOLERANCE_MS,
        maxMs: RECOVERY_TIMEOUT_MS + RECOVERY_TOLERANCE_MS,
        promise: 'breaker-half-open-after-timeout',
      },
      {
        kind: 'recovery_time',
        breaker: SENTINEL_BREAKER,
        fromStep: input.liftStep,
        minMs: RECOVERY_TIMEOUT_MS - RECOVERY_EARLY_TOLERANCE_MS,
        maxMs: RECOVERY_TIMEOUT_MS + RECOVERY_TOLERANCE_MS,
        promise: 'breaker-closes-after-successes',
      },
      {
        kind: 'request_count',
        name: 'no upload reaches Sentinel while OPEN',
        service: 'sentinel',
        operation: 'Upload',
        whileBreaker: { breaker: SENTINEL_BREAKER, state: 'OPEN' },
        max: 0,
        promise: 'breaker-rejects-while-open',
      },
      {
        kind: 'request_count',
        name: `HALF_OPEN lets at most ${RUNBOOK_BREAKER_DEFAULTS.half_open_max_calls} uploads through`,
        service: 'sentinel',
        operation: 'Upload',
        whileBreaker: { breaker: SENTINEL_BREAKER, state: 'HALF_OPEN' },
        max: RUNBOOK_BREAKER_DEFAULTS.half_open_max_calls,
        promise: 'breaker-half-open-call-limit',
      },
      ...(input.extraExpectations ?? []),
      { kind: 'failed_batches_written', min: 1, promise: 'failed-batches-kept' },
      ...REPLAY_EXPECTATIONS,
      RECORDS_UNALTERED,
      { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'no-duplicates' },
      { kind: 'target_alive' },
    ],
  });
}
