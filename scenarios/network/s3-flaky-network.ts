/**
 * Runbook row "S3 errors" (promise `s3-transient-errors-recovered`), caused at the network layer:
 * Toxiproxy cuts most new S3 connections partway through their first response, which for a
 * GetObject is in the middle of the object's body. The connector must treat the truncated read
 * as a failure (never ingest half a record), read the object again later, and deliver every
 * object exactly once.
 *
 *   t=0 seed 20 ─ 10 s flaky (limit_data, 80 % of connections) ─ … re-reads … ─ 70 s restored
 *       ─ drain ─ stop        (one record every 2 s from 2 s to 100 s: steady state before and after)
 *
 * @note Why `limit_data` at 480 bytes: a GetObject response is ~449 bytes of headers (the SDKs
 * ask for checksums, so CRC32 headers are included) plus a body of five firewall lines (~550
 * bytes), so the connection closes ~30 bytes into the body. Toxicity is rolled per connection: a connection
 * that escapes the roll stays healthy and keeps being reused, which is what lets the run make
 * progress while the fault lasts. Lists (a few KB) on a cut connection fail too; the next poll
 * lists again.
 */
import { defineScenario } from '../../harness/scenario/define-scenario.js';
import { arrivalsEvery } from '../shared/arrivals.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED } from '../shared/integrity.js';

const SEEDED = 20;
const LINES_PER_OBJECT = 5;
const OBJECTS = Math.ceil(SEEDED / LINES_PER_OBJECT);
export const S3_CUT_AFTER_BYTES = 480;

export default defineScenario({
  id: 's3-flaky-network',
  title: 'S3 connections cut mid-body',
  description:
    `For 60 s Toxiproxy closes 80 % of new connections to S3 after ${S3_CUT_AFTER_BYTES} bytes, ` +
    'in the middle of a GetObject body. Every object must still be delivered, exactly once: ' +
    'truncated reads are retried, never half-ingested or skipped.',
  tags: ['s3', 'network'],
  runbookRow:
    'Runbook › Troubleshooting › "S3 errors": ' +
    'transient S3 network errors (connection reset, truncated responses) are retried; ' +
    'every object is eventually processed, and none twice.',
  seed: {
    records: SEEDED,
    shape: { linesPerObject: LINES_PER_OBJECT },
    arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: 100_000 }),
  },
  pollIntervalMs: 1_000,
  networkServices: ['s3'],
  deadlineMs: 200_000,
  steps: [
    {
      atMs: FIRST_FAULT_MS,
      name: 'flaky',
      action: {
        kind: 'inject_network',
        fault: {
          id: 's3-cut-mid-body',
          service: 's3',
          toxic: 'limit_data',
          toxicity: 0.8,
          attributes: { bytes: S3_CUT_AFTER_BYTES },
        },
      },
    },
    { atMs: 70_000, name: 'restored', action: { kind: 'clear_network', faultId: 's3-cut-mid-body' } },
    {
      atMs: 105_000,
      name: 'drain',
      action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: 60_000 },
    },
    { atMs: 0, name: 'stop', action: { kind: 'stop_target' } },
  ],
  expectations: [
    {
      kind: 'request_count',
      name: 'objects were read again after cut reads',
      service: 's3',
      operation: 'GetObject',
      min: OBJECTS + 1,
      promise: 's3-transient-errors-recovered',
    },
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 's3-transient-errors-recovered' },
    RECORDS_UNALTERED,
    { kind: 'target_alive' },
  ],
});
