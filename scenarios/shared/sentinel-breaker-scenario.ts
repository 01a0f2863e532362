/**
 * The shape shared by the Sentinel breaker scenarios (rate-limit, sentinel-outage, auth-failure,
 * sentinel-forbidden, half-open-relapse, breaker-custom-config): a fault on Sentinel uploads while
 * records keep arriving, lifted once the breaker has opened (and, for a relapse, re-opened from
 * HALF_OPEN), then recovery, replay, the ledger and the runbook's Verification checklist.
 *
 *   t=0 seed ─ 10 s inject ─ … OPEN [─ HALF_OPEN probe fails ─ OPEN]×relapses → lift
 *       ─ (recovery_timeout) ─ HALF_OPEN ─ CLOSED ─ replay ─ drain ─ stop
 *        └──── one record every 2 s (keeps the breaker being called: ────┘
 *              OPEN → HALF_OPEN happens only on the first call after the timeout)
 *
 * @note The arrivals run well past the expected CLOSED: at high time scales a loaded machine
 * stretches the target's own work in target time, and a breaker that opens late must still see
 * calls after its recovery timeout.
 *
 * Every bound comes from the breaker configuration under test (breaker-bounds.ts).
 */
import type { FaultEffect } from '../../fakes/core/types.js';
import type { BreakerConfig } from '../../harness/domain/breaker.js';
import { defineScenario } from '../../harness/scenario/define-scenario.js';
import type { Expectation, Scenario, Step } from '../../harness/scenario/types.js';
import { arrivalsEvery } from './arrivals.js';
import { breakerBounds } from './breaker-bounds.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from './integrity.js';
import { operatorView } from './operator-view.js';
import { verificationChecklist } from './verification.js';

export const SENTINEL_BREAKER = 'azure-sentinel';
export { RECOVERY_EARLY_TOLERANCE_MS, RECOVERY_TOLERANCE_MS } from './breaker-bounds.js';

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
  /** The breaker configuration under test (runbook Step 4 Option B); runbook defaults when absent. */
  readonly breaker?: Partial<BreakerConfig>;
  /** HALF_OPEN windows whose probes meet the fault before it is lifted ("When Circuit Won't Close"). */
  readonly relapses?: number;
  /** The promise the relapse expectation cites (default `half-open-relapse`). */
  readonly relapsePromise?: string;
  /**
   * At the first OPEN the fault is swapped for this one, which the HALF_OPEN probes then meet (a
   * service that is back but slower than the operation timeout); lifted after the relapse.
   */
  readonly halfOpenFault?: { readonly description: string; readonly effect: FaultEffect };
  /** Turns the operator's ready_reflects_breaker off, with the reason the report shows. */
  readonly readinessOff?: string;
}

export function sentinelBreakerScenario(input: SentinelBreakerScenarioInput): Scenario {
  const bounds = breakerBounds(input.breaker);
  const relapses = input.relapses ?? (input.halfOpenFault ? 1 : 0);
  const { recoveryMs, config } = bounds;
  // Records must keep arriving until well after the expected CLOSED (see @note).
  const lastArrivalMs = 60_000 + (relapses + 1) * recoveryMs + 40_000;
  // Under a custom configuration the generic promises (which state the runbook defaults) do not apply.
  const promise = (generic: string): string => (bounds.override ? 'breaker-config-honoured' : generic);
  const states = ['CLOSED', ...Array.from({ length: relapses + 1 }, () => ['OPEN', 'HALF_OPEN']).flat(), 'CLOSED'];
  return defineScenario({
    id: input.id,
    title: input.title,
    description: input.description,
    runbookRow: input.runbookRow,
    tags: input.tags,
    ...(bounds.override ? { breakerConfig: bounds.override } : {}),
    seed: { records: 20, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: lastArrivalMs }) },
    pollIntervalMs: 1_000,
    ...(input.targetOptions ? { targetOptions: input.targetOptions } : {}),
    deadlineMs: lastArrivalMs + 320_000,
    steps: timeline(input, recoveryMs, relapses, lastArrivalMs),
    expectations: [
      {
        kind: 'breaker_sequence',
        breaker: SENTINEL_BREAKER,
        sequence: states as ('CLOSED' | 'OPEN' | 'HALF_OPEN')[],
        match: 'exact',
        promise: 'breaker-opens-at-threshold',
      },
      {
        kind: 'failures_before_open',
        breaker: SENTINEL_BREAKER,
        service: 'sentinel',
        operation: 'Upload',
        min: config.failure_threshold,
        promise: promise('breaker-opens-at-threshold'),
      },
      ...(relapses > 0
        ? [
            {
              kind: 'breaker_transitions',
              breaker: SENTINEL_BREAKER,
              from: 'HALF_OPEN',
              to: 'OPEN',
              min: relapses,
              promise: input.relapsePromise ?? 'half-open-relapse',
            } as const,
          ]
        : []),
      {
        kind: 'open_duration',
        breaker: SENTINEL_BREAKER,
        minMs: bounds.openMinMs,
        maxMs: bounds.openMaxMs,
        promise: promise('breaker-half-open-after-timeout'),
      },
      {
        kind: 'recovery_time',
        breaker: SENTINEL_BREAKER,
        fromStep: input.liftStep,
        minMs: bounds.openMinMs,
        maxMs: bounds.openMaxMs,
        promise: promise('breaker-closes-after-successes'),
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
        kind: 'half_open_probes',
        breaker: SENTINEL_BREAKER,
        service: 'sentinel',
        operation: 'Upload',
        max: config.half_open_max_calls,
        promise: promise('breaker-half-open-call-limit'),
      },
      ...(input.extraExpectations ?? []),
      { kind: 'failed_batches_written', min: 1, promise: 'failed-batches-kept' },
      ...REPLAY_EXPECTATIONS,
      RECORDS_UNALTERED,
      { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'no-duplicates' },
      { kind: 'target_alive' },
      ...verificationChecklist({ breaker: SENTINEL_BREAKER, service: 'sentinel', operation: 'Upload' }),
      ...operatorView({ breaker: SENTINEL_BREAKER, readinessOff: input.readinessOff }),
    ],
  });
}

function timeline(input: SentinelBreakerScenarioInput, recoveryMs: number, relapses: number, lastArrivalMs: number) {
  const steps: Step[] = [
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
  ];
  const opened = { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'OPEN' } as const;
  let liftedFault = input.faultId;
  if (input.halfOpenFault) {
    liftedFault = `${input.faultId}-half-open`;
    steps.push(
      { when: opened, timeoutMs: 100_000, name: 'swap-fault', action: { kind: 'clear', faultId: input.faultId } },
      {
        atMs: 0,
        name: 'half-open-fault',
        action: {
          kind: 'inject',
          fault: {
            id: liftedFault,
            description: input.halfOpenFault.description,
            target: { service: 'sentinel', operation: 'Upload' },
            effect: input.halfOpenFault.effect,
          },
        },
      },
    );
  } else if (relapses > 0)
    steps.push({ atMs: 0, name: 'opened', action: { kind: 'wait', until: opened, timeoutMs: 100_000 } });
  steps.push(
    {
      // The lift: at the first OPEN, or once HALF_OPEN probes have met the fault `relapses` times.
      when:
        relapses > 0
          ? { kind: 'breaker_transitions_at_least', breaker: SENTINEL_BREAKER, to: 'OPEN', count: relapses + 1 }
          : opened,
      // A slow probe re-opens only after the operation timeout: that long on top of the recovery timeout.
      timeoutMs: relapses > 0 ? relapses * (recoveryMs + 60_000) : 100_000,
      name: input.liftStep,
      action: { kind: 'clear', faultId: liftedFault },
    },
    {
      atMs: 0,
      name: 'half-open',
      action: {
        kind: 'wait',
        until: {
          kind: 'breaker_transitions_at_least',
          breaker: SENTINEL_BREAKER,
          to: 'HALF_OPEN',
          count: relapses + 1,
        },
        timeoutMs: recoveryMs + 30_000,
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
      atMs: lastArrivalMs + 5_000,
      name: 'drain',
      action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: 30_000 },
    },
    { atMs: 0, name: 'stop', action: { kind: 'stop_target' } },
  );
  return steps;
}
