/**
 * Record integrity: each seeded record's deliveries compared with its source through the target's
 * declared schema (records/compare-record.ts), and the path it arrived by. Pure, over the
 * ledger's per-record history, so the benchmark can time it on 100,000 records.
 */
import type { DeclaredSchema, TargetCommand } from '../domain/index.js';
import { compareRecord, describeDiff } from '../records/compare-record.js';
import type { ResultIntegrity } from '../result/result-schema.js';
import type { SourceRecord } from '../seed/corpus/source-record.js';

const MAX_SAMPLES = 10;
const MAX_DIFFS_PER_RECORD = 6;
const NONE: readonly string[] = [];

/** One delivery of a record: the `record:ingested` event itself (no copy per delivery). */
export interface Delivery {
  readonly origin: TargetCommand | null;
  readonly atMs: number;
  readonly ingest: { readonly record: Readonly<Record<string, unknown>> };
}

export interface RecordHistory {
  readonly id: string;
  readonly source: SourceRecord;
  readonly deliveries: readonly Delivery[];
  /** Target ms at which it first appeared in a failed-batch file, or null. */
  readonly firstStoredAtMs: number | null;
  /** Still in a failed-batch file that was not archived at the end. */
  readonly waiting: boolean;
}

export type RecordStatus = 'intact' | 'altered' | 'missing_fields' | 'stored' | 'lost';

export interface ClassifiedRecord {
  readonly id: string;
  readonly status: RecordStatus;
  readonly deliveries: number;
  readonly reRead: boolean;
  readonly replayed: boolean;
  readonly diffs: readonly string[];
  readonly missing: readonly string[];
}

export function classifyRecord(history: RecordHistory, schema: DeclaredSchema): ClassifiedRecord {
  const { deliveries, id } = history;
  if (deliveries.length === 0) {
    const status = history.waiting ? 'stored' : 'lost';
    return { id, deliveries: 0, status, reRead: false, replayed: false, diffs: NONE, missing: NONE };
  }
  // Sets only once a delivery differs: most records arrive intact, and there are 100,000s of them.
  let missing: Set<string> | undefined;
  let diffs: Set<string> | undefined;
  for (const delivery of deliveries) {
    const comparison = compareRecord(history.source, delivery.ingest.record, schema);
    if (comparison.missing.length > 0) {
      missing ??= new Set();
      for (const column of comparison.missing) missing.add(column);
    }
    if (comparison.altered.length > 0) {
      diffs ??= new Set();
      for (const diff of comparison.altered) diffs.add(`${describeDiff(diff)}${originNote(delivery)}`);
    }
  }
  const stored = history.firstStoredAtMs;
  let firstAfterStored: Delivery | undefined;
  if (stored !== null) for (const d of deliveries) if (d.atMs >= stored && !firstAfterStored) firstAfterStored = d;
  return {
    id,
    deliveries: deliveries.length,
    status: missing ? 'missing_fields' : diffs ? 'altered' : 'intact',
    // The run process never reads failed-batch files: once a record was stored, a delivery by
    // `run` came from reading the source again, not from the replay the runbook promises.
    reRead: firstAfterStored?.origin === 'run',
    replayed: stored !== null && deliveries.some((d) => d.origin === 'replay-failed'),
    diffs: diffs ? [...diffs].slice(0, MAX_DIFFS_PER_RECORD) : NONE,
    missing: missing ? [...missing] : NONE,
  };
}

const originNote = (d: Delivery): string => (d.origin && d.origin !== 'run' ? ` (via ${d.origin})` : '');

export function summarizeIntegrity(
  classified: readonly ClassifiedRecord[],
  schema: DeclaredSchema,
  extra: { readonly unidentified: number; readonly deliveriesByOrigin: Readonly<Record<string, number>> },
): ResultIntegrity {
  const count = (status: RecordStatus): number => classified.filter((c) => c.status === status).length;
  return {
    schema: schema.origin,
    intact: count('intact'),
    altered: count('altered'),
    missingFields: count('missing_fields'),
    duplicated: classified.filter((c) => c.deliveries > 1).length,
    reRead: classified.filter((c) => c.reRead).length,
    stored: count('stored'),
    lost: count('lost'),
    unidentified: extra.unidentified,
    deliveriesByOrigin: extra.deliveriesByOrigin,
    alteredSamples: classified
      .filter((c) => c.status === 'altered' || (c.status === 'missing_fields' && c.diffs.length > 0))
      .slice(0, MAX_SAMPLES)
      .map((c) => ({ id: c.id, diffs: c.diffs })),
    missingSamples: classified
      .filter((c) => c.status === 'missing_fields')
      .slice(0, MAX_SAMPLES)
      .map((c) => ({ id: c.id, columns: c.missing })),
  };
}
