/**
 * Runbook row "slow services" with a service that takes the request and never answers: the
 * Sentinel fake reads every upload's whole body, then stays silent (fault kind `blackhole`; compare
 * `hang`, which never reads the body, in fakes/core/FAULTS.md). The stall is unbounded, so it
 * outlasts the 30 s operation timeout and the SDK's own timeouts: only the connector's timeout
 * ends a call. Each timeout must count as a breaker failure, the breaker must open, every failed
 * call must be kept, and after the blackhole is lifted nothing may be lost.
 *
 *   t=0 seed 10 ─ 10 s blackhole on Upload ─ 5 timeouts (≤ ~150 s) → OPEN ─ blackhole lifted
 *       ─ (recovery_timeout) ─ HALF_OPEN ─ CLOSED ─ replay-failed ─ drain ─ stop
 *         └── one record every 2 s from 2 s to 300 s (calls keep coming: the probe needs one) ──┘
 *
 * @note Unlike sentinel-latency (a Toxiproxy delay on the answer), a blackholed upload is never
 * handled by the fake, so it was not ingested: replay delivers each record once.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/index.js';
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { drainAndStop } from './shared/drain-and-stop.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from './shared/integrity.js';
import { SENTINEL_BREAKER } from './shared/sentinel-breaker-scenario.js';

const OPERATION_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.operation_timeout * 1_000;
const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;
const LAST_ARRIVAL_MS = 300_000;
/** Timeouts needed to open: failure_threshold consecutive ones, each up to the operation timeout. */
const OPEN_WITHIN_MS = RUNBOOK_BREAKER_DEFAULTS.failure_threshold * (OPERATION_TIMEOUT_MS + 5_000) + 30_000;

export default defineScenario({
  id: 'sentinel-blackhole',
  title: 'Sentinel takes uploads and never answers',
  description:
    'The Sentinel fake reads every upload, body included, and never answers (fault kind blackhole) until ' +
    `the breaker opens. Only the ${RUNBOOK_BREAKER_DEFAULTS.operation_timeout} s operation timeout can end ` +
    'those calls: each must count as a breaker failure, the azure-sentinel breaker must open, every failed call ' +
    'must be kept, and after the blackhole is lifted the breaker must recover and replay-failed must leave no ' +
    'record lost.',
  tags: ['sentinel', 'breaker', 'replay'],
  runbookRow:
    `Runbook › Circuit breaker › operation_timeout=${RUNBOOK_BREAKER_DEFAULTS.operation_timeout}: ` +
    'a call slower than the operation timeout counts as a failure; failed batches are kept and replayed.',
  seed: { records: 10, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  pollIntervalMs: 1_000,
  deadlineMs: 600_000,
  steps: [
    {
      atMs: FIRST_FAULT_MS,
      name: 'blackhole',
      action: {
        kind: 'inject',
        fault: {
          id: 'sentinel-blackhole',
          description: 'Sentinel Upload: body read, never answered',
          target: { service: 'sentinel', operation: 'Upload' },
          effect: { kind: 'blackhole' },
        },
      },
    },
    {
      when: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'OPEN' },
      timeoutMs: OPEN_WITHIN_MS,
      name: 'lifted',
      action: { kind: 'clear', faultId: 'sentinel-blackhole' },
    },
    {
      atMs: 0,
      name: 'closed',
      action: {
        kind: 'wait',
        until: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'CLOSED' },
        timeoutMs: RECOVERY_TIMEOUT_MS + 90_000,
      },
    },
    { atMs: 0, name: 'replay', action: { kind: 'replay_failed' } },
    ...drainAndStop(LAST_ARRIVAL_MS, 60_000),
  ],
  expectations: [
    {
      kind: 'breaker_sequence',
      breaker: SENTINEL_BREAKER,
      sequence: ['CLOSED', 'OPEN', 'HALF_OPEN', 'CLOSED'],
      match: 'subsequence',
      promise: 'slow-service-timeout',
    },
    {
      kind: 'failures_before_open',
      breaker: SENTINEL_BREAKER,
      service: 'sentinel',
      operation: 'Upload',
      min: RUNBOOK_BREAKER_DEFAULTS.failure_threshold,
      promise: 'slow-service-timeout',
    },
    { kind: 'failed_batches_written', min: 1, promise: 'failed-batches-kept' },
    ...REPLAY_EXPECTATIONS,
    RECORDS_UNALTERED,
    { kind: 'target_alive' },
  ],
});
