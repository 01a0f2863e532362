/**
 * Runbook Step 4 Option A: "Restart the Service — Restart resets circuit breaker state"
 * (`kubectl rollout restart`), after "If circuit doesn't recover after service is healthy". Sentinel
 * fails until the breaker opens, then is healthy again, and the connector is restarted while its
 * breaker is still OPEN. The restarted process must start CLOSED and upload at once, must not
 * re-open, and the failed batches queued before the restart must still be processed (Verification:
 * "Failed batches being processed (if any queued)") with nothing lost.
 */
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { drainAndStop } from './shared/drain-and-stop.js';
import { FIRST_ARRIVAL_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from './shared/integrity.js';
import { SENTINEL_BREAKER } from './shared/sentinel-breaker-scenario.js';
import { verificationChecklist } from './shared/verification.js';

const LAST_ARRIVAL_MS = 100_000;
const FAULT_MS = 20_000;

export default defineScenario({
  id: 'restart-while-open',
  title: 'The connector is restarted while its Sentinel breaker is OPEN (Step 4 Option A)',
  description:
    'Every upload gets 503 until the azure-sentinel breaker opens; then Sentinel is healthy and the connector is ' +
    'restarted at once, with the breaker still OPEN. The new process must start CLOSED and upload without waiting ' +
    'for the recovery timeout, never re-open, and the failed batches queued before the restart must be replayed ' +
    'with nothing lost.',
  tags: ['sentinel', 'breaker', 'replay', 'quick'],
  runbookRow:
    'Runbook › Step 4 › Option A "Restart the Service": "Restart resets circuit breaker state"; ' +
    'Verification: "Failed batches being processed (if any queued)".',
  seed: { records: 20, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  pollIntervalMs: 1_000,
  deadlineMs: 300_000,
  steps: [
    {
      // Later than the other scenarios' first fault: the 20-record initial backlog goes out one
      // upload each, and at x10 it can take until ~7 s, leaving no fresh record to judge the
      // steady state before a fault at 10 s.
      atMs: FAULT_MS,
      name: 'inject',
      action: {
        kind: 'inject',
        fault: {
          id: 'sentinel-503',
          description: 'Sentinel Upload → 503, Retry-After 1 s, until the breaker opens',
          target: { service: 'sentinel', operation: 'Upload' },
          effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
        },
      },
    },
    {
      when: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'OPEN' },
      timeoutMs: 100_000,
      name: 'service-healthy',
      action: { kind: 'clear', faultId: 'sentinel-503' },
    },
    { atMs: 0, name: 'restart', action: { kind: 'restart_target' } },
    // replay-failed runs only after the last arrival, so its own uploads cannot stand in for the
    // restarted run process's between the restart and this step.
    { atMs: LAST_ARRIVAL_MS, name: 'replay', action: { kind: 'replay_failed' } },
    ...drainAndStop(LAST_ARRIVAL_MS),
  ],
  expectations: [
    {
      kind: 'breaker_transitions',
      breaker: SENTINEL_BREAKER,
      to: 'OPEN',
      max: 1,
      promise: 'restart-resets-breaker',
    },
    // A breaker that survived the restart OPEN would go HALF_OPEN once its old timeout ran out;
    // one that restarted CLOSED and stays healthy never does. Independent of how long the
    // restart itself takes (at x10 a process start is tens of target seconds).
    {
      kind: 'breaker_transitions',
      breaker: SENTINEL_BREAKER,
      to: 'HALF_OPEN',
      max: 0,
      promise: 'restart-resets-breaker',
    },
    {
      kind: 'request_count',
      name: 'uploads succeed after the restart, before any replay',
      service: 'sentinel',
      operation: 'Upload',
      status: 204,
      betweenSteps: ['restart', 'replay'],
      min: 1,
      promise: 'restart-resets-breaker',
    },
    { kind: 'failed_batches_written', min: 1, promise: 'failed-batches-kept' },
    ...REPLAY_EXPECTATIONS,
    RECORDS_UNALTERED,
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'restart-resets-breaker' },
    { kind: 'target_alive' },
    ...verificationChecklist({ breaker: SENTINEL_BREAKER, service: 'sentinel', operation: 'Upload' }),
  ],
});
