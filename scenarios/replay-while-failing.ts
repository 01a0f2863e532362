/**
 * Replay under fault: replay-failed runs while Sentinel still answers 503, and again after it
 * recovers. The first replay must keep every file whose upload failed (and say so, exiting
 * non-zero); the second must deliver them. Objects expire from S3 five seconds after they are
 * first read, so a batch mishandled after a failure cannot come back by reading the source again:
 * only the failed-batch files can bring it back.
 *
 *   2 s arrivals ─ 10 s Sentinel 503 ─ … OPEN ─ replay (still failing) ─ service returns
 *     ─ HALF_OPEN ─ CLOSED ─ replay ─ drain ─ stop
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/index.js';
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { drainAndStop } from './shared/drain-and-stop.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from './shared/integrity.js';

const SENTINEL_BREAKER = 'azure-sentinel';
const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;
const LAST_ARRIVAL_MS = 180_000;

export default defineScenario({
  id: 'replay-while-failing',
  title: 'replay-failed while Sentinel still fails, then after it recovers',
  description:
    'Sentinel answers every upload with 503 (Retry-After: 1 s) until the azure-sentinel breaker opens. ' +
    'replay-failed then runs while Sentinel still fails: it must keep every file it could not deliver, ' +
    'archive nothing it did not deliver, and say so in its summary and exit code. ' +
    'After Sentinel recovers, replay-failed runs again and must deliver everything. ' +
    'Objects expire from S3 5 s after their first read, so only the failed-batch files can bring a batch back.',
  tags: ['sentinel', 'replay'],
  runbookRow:
    'Runbook › Failed batch recovery: replay-failed re-sends stored batches and archives the ones it delivered; ' +
    'a batch that still fails stays queued for the next replay.',
  seed: { records: 20, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  s3: { expireAfterFirstReadMs: 5_000 },
  pollIntervalMs: 1_000,
  deadlineMs: 480_000,
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
    {
      when: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'OPEN' },
      timeoutMs: 100_000,
      name: 'replay-under-fault',
      action: { kind: 'replay_failed' },
    },
    { atMs: 0, name: 'service-returns', action: { kind: 'clear', faultId: 'sentinel-503' } },
    {
      atMs: 0,
      name: 'closed',
      action: {
        kind: 'wait',
        until: { kind: 'breaker_state', breaker: SENTINEL_BREAKER, state: 'CLOSED' },
        timeoutMs: RECOVERY_TIMEOUT_MS + 60_000,
      },
    },
    { atMs: 0, name: 'replay-after', action: { kind: 'replay_failed' } },
    ...drainAndStop(LAST_ARRIVAL_MS),
  ],
  expectations: [
    { kind: 'failed_batches_written', min: 1, promise: 'failed-batches-kept' },
    ...REPLAY_EXPECTATIONS,
    RECORDS_UNALTERED,
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'no-duplicates' },
    { kind: 'target_alive' },
  ],
});
