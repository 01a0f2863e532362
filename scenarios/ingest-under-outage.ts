/**
 * The one-shot `ingest` command, as a CI job or a cron entry runs it, during an outage it cannot
 * ride out: Sentinel answers 503 and the failed-batch directory cannot be written. The command
 * can neither deliver nor store what it reads, so it must say so with a non-zero exit code. Once
 * both are back, the long-running connector must deliver everything.
 *
 *   2 s arrivals ─ 10 s run stopped ─ 11 s Sentinel 503 + store unwritable ─ 12 s more records
 *     ─ 14 s ingest (must exit non-zero) ─ faults cleared ─ run restarted ─ drain ─ stop
 */
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { drainAndStop } from './shared/drain-and-stop.js';
import { FIRST_ARRIVAL_MS, RECORDS_UNALTERED } from './shared/integrity.js';

// Arrivals go on well past the restart: at --time-scale 10 the one-shot run and the restart take
// tens of target seconds, and steady state after recovery needs fresh records after them.
const LAST_ARRIVAL_MS = 170_000;

export default defineScenario({
  id: 'ingest-under-outage',
  title: 'One-shot ingest while Sentinel is down and the failed-batch store cannot be written',
  description:
    'The long-running connector is stopped; Sentinel answers 503 (Retry-After: 1 s) and the failed-batch ' +
    'directory is made unwritable; then the one-shot ingest command runs. It can neither deliver nor store ' +
    'the records it reads, so its exit code must be non-zero. After both faults clear and the connector is ' +
    'started again, every record must be delivered.',
  tags: ['sentinel', 'replay'],
  runbookRow:
    'CLI › s3-sentinel ingest: one ingestion cycle, then exit; a CI job or cron entry relies on its exit code ' +
    'to know whether records were ingested or kept.',
  seed: { records: 10, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
  pollIntervalMs: 1_000,
  deadlineMs: 400_000,
  steps: [
    { atMs: 10_000, name: 'stop-run', action: { kind: 'stop_target' } },
    {
      atMs: 11_000,
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
    { atMs: 11_000, name: 'store-broken', action: { kind: 'store_fault', fault: 'unwritable' } },
    { atMs: 14_000, name: 'ingest', action: { kind: 'run_ingest' } },
    { atMs: 0, name: 'store-back', action: { kind: 'clear_store_fault' } },
    { atMs: 0, name: 'service-returns', action: { kind: 'clear', faultId: 'sentinel-503' } },
    { atMs: 0, name: 'restart-run', action: { kind: 'restart_target' } },
    ...drainAndStop(LAST_ARRIVAL_MS, 60_000),
  ],
  expectations: [
    { kind: 'oneshot_exit_truthful', promise: 'oneshot-exit-truthful' },
    { kind: 'ledger', maxLost: 0, maxUndelivered: 0, promise: 'replay-nothing-lost' },
    RECORDS_UNALTERED,
  ],
});
