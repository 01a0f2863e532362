/**
 * Record integrity at volume: classifying 100,000 delivered records against their seeds, with
 * field comparison through the declared schema (computeLedger: identity, comparison, paths).
 * Target: ≤ 2 s here. Baseline in the same run: the same events walked once with a plain
 * `JSON.stringify` of every delivered record (what any per-record pass costs at least), so the
 * ratio says what identity and comparison add on top of touching each record.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/breaker.js';
import { computeLedger } from '../harness/ledger/compute-ledger.js';
import type { RunEvent, RunEventPayload } from '../harness/observe/events.js';
import { createRecordIdentity } from '../harness/records/record-identity.js';
import { sourceRecord } from '../harness/seed/corpus/source-record.js';
import { REFERENCE_RECORD_SCHEMA } from '../harness/targets/reference/record-schema.js';
import type { BenchResult } from './bench-result.js';

const RECORDS = 100_000;
const ROUNDS = 3;
const TARGET_MS = 2_000;

function deliveredForm(n: number): Record<string, unknown> {
  const s = sourceRecord(1, n);
  return {
    TimeGenerated: s.timestamp,
    // Every tenth record altered, as a redacting replay would send it.
    SourceIP: n % 10 === 0 ? '[REDACTED:IPV4]' : s.src_ip,
    DestinationIP: s.dst_ip,
    Action: s.action,
    RuleName: s.rule_name,
    Protocol: s.proto,
    SourcePort: s.src_port,
    DestinationPort: s.dst_port,
    BytesTransferred: s.bytes,
    DataClassification: 'standard',
    SchemaVersion: '1.0',
  };
}

/** The run's events as the observer would have emitted them (records recognised on arrival). */
function buildEvents(): RunEvent[] {
  const seeded = Array.from({ length: RECORDS }, (_, i) => ({
    id: String(i + 1),
    record: sourceRecord(1, i + 1),
    key: 'k',
  }));
  const identity = createRecordIdentity(REFERENCE_RECORD_SCHEMA);
  for (const s of seeded) identity.add(s.id, s.record);
  const payloads: RunEventPayload[] = [
    {
      type: 'target:prepared',
      target: 'reference',
      schema: REFERENCE_RECORD_SCHEMA,
      breakerConfig: RUNBOOK_BREAKER_DEFAULTS,
      pollIntervalMs: 1_000,
    },
    { type: 'seed:put', records: seeded, keys: [] },
  ];
  for (let n = 1; n <= RECORDS; n += 1) {
    const record = deliveredForm(n);
    const ingest = { seq: n, ruleId: 'r', stream: 's', requestId: `q${n}`, arrivedAtMs: n, record };
    payloads.push({ type: 'record:ingested', recordId: identity.identify(record), ingest, origin: 'run' });
  }
  return payloads.map((p, i) => ({ ...p, seq: i + 1, atMs: i, wallAtMs: i }) as RunEvent);
}

function timeMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function run(): Promise<BenchResult> {
  const events = buildEvents();
  const classify: number[] = [];
  const baseline: number[] = [];
  let summary = '';
  for (let round = 0; round < ROUNDS; round += 1) {
    baseline.push(
      timeMs(() => {
        let bytes = 0;
        for (const e of events) if (e.type === 'record:ingested') bytes += JSON.stringify(e.ingest.record).length;
        return bytes;
      }),
    );
    classify.push(
      timeMs(() => {
        const ledger = computeLedger(events);
        summary = `intact ${ledger.integrity?.intact}, altered ${ledger.integrity?.altered}`;
      }),
    );
  }
  const classifyMs = median(classify);
  const baselineMs = median(baseline);
  return {
    title: `Record integrity: classifying ${RECORDS.toLocaleString('en')} delivered records`,
    rows: [
      {
        name: 'computeLedger (identity + comparison + paths)',
        rps: (RECORDS / classifyMs) * 1_000,
        p50Ms: classifyMs,
        note: summary,
      },
      {
        name: 'baseline: JSON.stringify each delivered record',
        rps: (RECORDS / baselineMs) * 1_000,
        p50Ms: baselineMs,
      },
    ],
    summary: [
      `median of ${ROUNDS} rounds: ${classifyMs.toFixed(0)} ms ` +
        `(target ≤ ${TARGET_MS} ms: ${classifyMs <= TARGET_MS ? 'MET' : 'MISSED'}), ` +
        `${(classifyMs / baselineMs).toFixed(1)}× the baseline pass`,
    ],
  };
}
