/**
 * Volume: a bucket that already holds a backlog of 2,500 objects (three list pages at S3's page
 * size of 1,000) when the connector starts, plus a record arriving every 2 s. The backlog must
 * drain within a bound derived from the target's batch size, every object beyond the first page
 * included; then a Sentinel outage, recovery and replay, and the ledger must stay exact.
 *
 *   t=0 2,500 objects ─ drain (≤ DRAIN_BOUND_MS) ─ Sentinel 503 ─ … OPEN → back ─ CLOSED
 *       ─ replay ─ drain ─ stop
 *        └──────────── one record every 2 s until 480 s ────────────┘
 *
 * Drain bound, from the connector's declared limits (connector-contract.md: base config
 * `rate_limit` 10 S3 requests/s, `batch_size`-style uploads of BATCH_SIZE records): one GetObject
 * per object and one list per page at S3_REQUESTS_PER_S, plus UPLOAD_ALLOWANCE_MS per upload, plus
 * a poll interval before the first cycle. The reference has no S3 rate limit, but at ×10 its reads
 * cost about as much target time (each GetObject takes a few ms of wall time). The measured drain
 * time and throughput are in the `backlog_drained` verdict.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/index.js';
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { drainAndStop } from './shared/drain-and-stop.js';
import { FIRST_ARRIVAL_MS, RECORDS_UNALTERED, REPLAY_EXPECTATIONS } from './shared/integrity.js';
import { SENTINEL_BREAKER } from './shared/sentinel-breaker-scenario.js';

const BACKLOG_OBJECTS = 2_500;
const POLL_INTERVAL_MS = 1_000;
/** The reference's default batch_size (records per upload). */
const BATCH_SIZE = 100;
const UPLOAD_ALLOWANCE_MS = 2_000;
const S3_REQUESTS_PER_S = 10;
const LIST_PAGE_SIZE = 1_000;
const S3_REQUESTS = BACKLOG_OBJECTS + Math.ceil(BACKLOG_OBJECTS / LIST_PAGE_SIZE);
const DRAIN_BOUND_MS =
  POLL_INTERVAL_MS +
  (S3_REQUESTS / S3_REQUESTS_PER_S) * 1_000 +
  Math.ceil(BACKLOG_OBJECTS / BATCH_SIZE) * UPLOAD_ALLOWANCE_MS;
const RECOVERY_TIMEOUT_MS = RUNBOOK_BREAKER_DEFAULTS.recovery_timeout * 1_000;
const LAST_ARRIVAL_MS = 480_000;

export default defineScenario({
  id: 'backlog-drain',
  title: 'A backlog of 2,500 objects (three list pages) drains, then survives an outage',
  description:
    `${BACKLOG_OBJECTS} objects (one record each) are in the bucket before the connector starts: three ` +
    `ListObjectsV2 pages of 1,000. Every one must be delivered within ${DRAIN_BOUND_MS / 1_000} s (derived from a ` +
    `rate of ${S3_REQUESTS_PER_S} S3 requests/s and a batch size of ${BATCH_SIZE}), those beyond the first page ` +
    'included; then Sentinel fails (503) until the ' +
    'breaker opens, recovers, replay-failed runs, and every record must be delivered exactly once.',
  tags: ['volume', 'sentinel', 'replay'],
  runbookRow:
    'Runbook › normal operation: every object under the prefix is processed (the connector lists all pages); ' +
    'failed batches are kept and replayed.',
  seed: {
    records: BACKLOG_OBJECTS,
    shape: { linesPerObject: 1 },
    arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }),
  },
  pollIntervalMs: POLL_INTERVAL_MS,
  deadlineMs: 700_000,
  steps: [
    {
      atMs: 0,
      name: 'backlog-drained',
      action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: DRAIN_BOUND_MS + 30_000 },
    },
    {
      atMs: 0,
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
      name: 'service-returns',
      action: { kind: 'clear', faultId: 'sentinel-503' },
    },
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
    { kind: 'backlog_drained', maxMs: DRAIN_BOUND_MS, pageSize: LIST_PAGE_SIZE, promise: 'backlog-drained' },
    { kind: 'failed_batches_written', min: 1, promise: 'failed-batches-kept' },
    ...REPLAY_EXPECTATIONS,
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'no-duplicates' },
    RECORDS_UNALTERED,
    { kind: 'target_alive' },
  ],
});
