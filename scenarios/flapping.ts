/**
 * Runbook "Escalation": "If circuit keeps reopening: 1. Service may have intermittent issues".
 * For 200 s, each Sentinel upload request fails with 503 at a seeded probability (reproducible for a
 * given --seed), so calls fail often but not always: the breaker opens, probes, and re-opens. The
 * stated bounds: it opens at least once (the premise), at most once per recovery timeout (a breaker
 * cannot re-open before its timeout has let a probe through), each HALF_OPEN window lets at most
 * half_open_max_calls through, and nothing is lost or duplicated once the service is steady again.
 *
 *   t=0 seed ─ 10 s intermittent 503 (p = 0.9 per request) ─────────── 210 s lifted ─ CLOSED ─ replay ─ drain
 */
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { breakerBounds } from './shared/breaker-bounds.js';
import { drainAndStop } from './shared/drain-and-stop.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from './shared/integrity.js';
import { SENTINEL_BREAKER } from './shared/sentinel-breaker-scenario.js';
import { verificationChecklist } from './shared/verification.js';

const FLAP_MS = 200_000;
/** Per request: with the SDK's retries a call fails at about p⁴ ≈ 0.66, often five times in a row. */
const FAILURE_PROBABILITY = 0.9;
const LIFT_MS = FIRST_FAULT_MS + FLAP_MS;
const bounds = breakerBounds();
const MAX_OPENINGS = Math.floor(FLAP_MS / bounds.recoveryMs) + 1;
const LAST_ARRIVAL_MS = LIFT_MS + bounds.recoveryMs + 40_000;

export default defineScenario({
  id: 'flapping',
  title: 'Sentinel fails intermittently for 200 s (the circuit keeps reopening)',
  description:
    `Each upload request fails with 503 at probability ${FAILURE_PROBABILITY} (seeded) for ${FLAP_MS / 1_000} s. ` +
    `The azure-sentinel breaker must open at least once and at most ${MAX_OPENINGS} times (once per recovery ` +
    'timeout), stay OPEN for the recovery timeout each time, let at most half_open_max_calls probes through per ' +
    'HALF_OPEN window, keep every failed batch, and lose nothing after the service is steady and replay-failed ran.',
  tags: ['sentinel', 'breaker', 'replay'],
  runbookRow:
    'Runbook › "Escalation": "If circuit keeps reopening: 1. Service may have intermittent issues"; ' +
    'recovery_timeout=60, half_open_max_calls=3.',
  seed: { records: 20, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  pollIntervalMs: 1_000,
  deadlineMs: LAST_ARRIVAL_MS + 200_000,
  steps: [
    {
      atMs: FIRST_FAULT_MS,
      name: 'flap',
      action: {
        kind: 'inject',
        fault: {
          id: 'sentinel-intermittent',
          description: `Sentinel Upload → 503 (Retry-After 1 s) with probability ${FAILURE_PROBABILITY}`,
          target: { service: 'sentinel', operation: 'Upload' },
          effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
          schedule: { kind: 'probability', p: FAILURE_PROBABILITY },
        },
      },
    },
    { atMs: LIFT_MS, name: 'steady', action: { kind: 'clear', faultId: 'sentinel-intermittent' } },
    {
      atMs: 0,
      name: 'closed',
      action: {
        kind: 'wait',
        until: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'CLOSED' },
        timeoutMs: bounds.recoveryMs + 30_000,
      },
    },
    { atMs: 0, name: 'replay', action: { kind: 'replay_failed' } },
    ...drainAndStop(LAST_ARRIVAL_MS),
  ],
  expectations: [
    {
      kind: 'breaker_transitions',
      breaker: SENTINEL_BREAKER,
      to: 'OPEN',
      min: 1,
      max: MAX_OPENINGS,
      promise: 'flapping-bounded',
    },
    {
      kind: 'open_duration',
      breaker: SENTINEL_BREAKER,
      minMs: bounds.openMinMs,
      maxMs: bounds.openMaxMs,
      promise: 'breaker-half-open-after-timeout',
    },
    {
      kind: 'half_open_probes',
      breaker: SENTINEL_BREAKER,
      service: 'sentinel',
      operation: 'Upload',
      max: bounds.config.half_open_max_calls,
      promise: 'breaker-half-open-call-limit',
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
    ...REPLAY_EXPECTATIONS,
    RECORDS_UNALTERED,
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'flapping-bounded' },
    { kind: 'target_alive' },
    ...verificationChecklist({ breaker: SENTINEL_BREAKER, service: 'sentinel', operation: 'Upload' }),
  ],
});
