/**
 * Runbook row "slow services" (promise `slow-service-timeout`), caused at the network layer:
 * Toxiproxy delays every Sentinel response by 40 s, above the breaker's 30 s operation timeout.
 * Each upload must be cut off at the timeout and counted as a breaker failure, the breaker must
 * open, and once the network is healthy again nothing may be lost (after replay-failed).
 *
 *   t=0 seed 10 ─ 10 s latency 40 s on Sentinel ─ 5 timeouts (~150 s) → OPEN ─ latency removed
 *       ─ (recovery_timeout) ─ HALF_OPEN ─ CLOSED ─ replay-failed ─ drain ─ stop
 *         └── one record every 2 s from 2 s to 300 s (calls keep coming: the probe needs one) ──┘
 *
 * @note The latency is downstream: the request reaches the fake, the answer is late. A timed-out
 * upload may therefore have been ingested and is stored as failed too, so replay can deliver a
 * record twice. That is at-least-once delivery, which the runbook allows; only loss is judged.
 * Both the latency and the operation timeout are target time, so their ratio holds at any
 * --time-scale.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/index.js';
import { defineScenario } from '../../harness/scenario/define-scenario.js';
import { arrivalsEvery } from '../shared/arrivals.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from '../shared/integrity.js';

const SENTINEL_BREAKER = 'azure-sentinel';
const OPERATION_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.operation_timeout * 1_000;
const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;
/** A third above the operation timeout: every upload must time out, with room for jitter. */
const LATENCY_MS = OPERATION_TIMEOUT_MS + 10_000;
/** Records keep arriving until well after the breaker can have recovered, so the probe has calls. */
const LAST_ARRIVAL_MS = 300_000;
/** Timeouts needed to open: failure_threshold consecutive ones, each up to the operation timeout. */
const OPEN_WITHIN_MS = RUNBOOK_BREAKER_DEFAULTS.failure_threshold * (OPERATION_TIMEOUT_MS + 5_000) + 30_000;

export default defineScenario({
  id: 'sentinel-latency',
  title: 'Sentinel responses delayed past the operation timeout',
  description:
    `Toxiproxy adds ${LATENCY_MS / 1_000} s of latency to every Sentinel response, ` +
    `above the ${RUNBOOK_BREAKER_DEFAULTS.operation_timeout} s operation timeout. ` +
    'Each upload must time out and count as a breaker failure, the azure-sentinel breaker must open, ' +
    'the batches must be kept, and after the latency is removed the breaker must recover ' +
    'and replay-failed must leave no record lost.',
  tags: ['sentinel', 'network', 'breaker'],
  runbookRow:
    `Runbook › Circuit breaker › operation_timeout=${RUNBOOK_BREAKER_DEFAULTS.operation_timeout}: ` +
    'a call slower than the operation timeout counts as a failure ' +
    '(5 consecutive failures, min 10 calls, open the breaker); ' +
    'failed batches are kept and replayed with replay-failed.',
  seed: { records: 10, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  pollIntervalMs: 1_000,
  networkServices: ['sentinel'],
  deadlineMs: 600_000,
  steps: [
    // The first records go through on a healthy link, so the breaker has seen its minimum calls.
    {
      atMs: FIRST_FAULT_MS,
      name: 'slow-down',
      action: {
        kind: 'inject_network',
        fault: { id: 'sentinel-latency', service: 'sentinel', toxic: 'latency', attributes: { latency: LATENCY_MS } },
      },
    },
    {
      when: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'OPEN' },
      timeoutMs: OPEN_WITHIN_MS,
      name: 'speed-up',
      action: { kind: 'clear_network', faultId: 'sentinel-latency' },
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
        timeoutMs: 60_000,
      },
    },
    { atMs: 0, name: 'replay', action: { kind: 'replay_failed' } },
    // After the last arrival, so "every seeded record" is the final set.
    {
      atMs: LAST_ARRIVAL_MS + 5_000,
      name: 'drain',
      action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: 60_000 },
    },
    { atMs: 0, name: 'stop', action: { kind: 'stop_target' } },
  ],
  expectations: [
    {
      kind: 'breaker_sequence',
      breaker: SENTINEL_BREAKER,
      sequence: ['CLOSED', 'OPEN', 'HALF_OPEN', 'CLOSED'],
      match: 'subsequence',
      promise: 'slow-service-timeout',
    },
    { kind: 'failed_batches_written', min: 1, promise: 'failed-batches-kept' },
    ...REPLAY_EXPECTATIONS,
    RECORDS_UNALTERED,
    { kind: 'target_alive' },
  ],
});
