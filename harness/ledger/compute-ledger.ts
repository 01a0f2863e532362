/**
 * The record ledger: accounts for every seeded record from the run's events alone. Each seeded
 * record is in exactly one of:
 *
 *   delivered (once or more) │ waiting in a failed-batch file (undelivered) │ lost
 *
 * so `seeded = delivered + inFailedBatches + lost`. `duplicates` counts deliveries beyond the
 * first; `replayed` counts stored records a replay-failed process delivered; `rejected` counts
 * records the target said it dropped with a reason (still lost if never delivered). When the
 * target declared its schema, every delivery is also compared with its source (`integrity`).
 *
 * @example const ledger = computeLedger(bus.events()); ledger.lost === 0
 */
import type { DeclaredSchema } from '../domain/record-schema.js';
import { endpointLabel } from '../domain/replica.js';
import type { RunEvent } from '../observe/events.js';
import type { ResultLedger } from '../result/result-schema.js';
import type { SourceRecord } from '../seed/corpus/source-record.js';
import { type ClassifiedRecord, classifyRecord, type Delivery, summarizeIntegrity } from './classify-records.js';

const MAX_LISTED_IDS = 50;

export interface LedgerDetail extends ResultLedger {
  /** Ids delivered more than once, with their delivery counts (capped at 50). */
  readonly duplicateIds: readonly { readonly id: string; readonly deliveries: number }[];
  /** Ingested records whose id was never seeded (counted, not part of the ledger). */
  readonly unknownDeliveries: number;
  /** Every seeded record, classified (empty when the target declared no schema). */
  readonly records: readonly ClassifiedRecord[];
}

interface History {
  readonly source: SourceRecord | undefined;
  readonly deliveries: Delivery[];
  firstStoredAtMs: number | null;
}

export function computeLedger(events: readonly RunEvent[]): LedgerDetail {
  const histories = new Map<string, History>();
  const waitingFiles = new Map<string, readonly string[]>();
  const byOrigin: Record<string, number> = {};
  let schema: DeclaredSchema | undefined;
  let unknownDeliveries = 0;
  let rejected = 0;

  for (const event of events) {
    switch (event.type) {
      case 'target:prepared':
        schema = event.schema;
        break;
      case 'seed:put':
        for (const { id, record } of event.records)
          if (!histories.has(id)) histories.set(id, { source: record, deliveries: [], firstStoredAtMs: null });
        break;
      case 'record:ingested': {
        const history = event.recordId === null ? undefined : histories.get(event.recordId);
        if (!history) {
          unknownDeliveries += 1;
          break;
        }
        // Across replicas: `run.r1`, `run.r2`, … each counted, and a record two replicas delivered is a duplicate.
        const origin = event.origin === null ? 'unknown' : endpointLabel(event.origin, event.replica);
        byOrigin[origin] = (byOrigin[origin] ?? 0) + 1;
        history.deliveries.push(event);
        break;
      }
      case 'batch-file:created':
        waitingFiles.set(event.file, event.recordIds);
        for (const id of event.recordIds) {
          const history = histories.get(id);
          if (history && history.firstStoredAtMs === null) history.firstStoredAtMs = event.atMs;
        }
        break;
      case 'batch-file:archived':
      case 'batch-file:vanished':
        waitingFiles.delete(event.file);
        break;
      case 'record:rejected':
        rejected += event.count;
        break;
      default:
        break;
    }
  }

  const waiting = new Set<string>();
  for (const ids of waitingFiles.values()) for (const id of ids) waiting.add(id);
  const declared = schema;
  const classified: ClassifiedRecord[] = [];
  let delivered = 0;
  let duplicates = 0;
  let inFailedBatches = 0;
  let replayed = 0;
  const lostIds: string[] = [];
  const duplicateIds: { id: string; deliveries: number }[] = [];
  for (const [id, history] of histories) {
    const count = history.deliveries.length;
    const source = history.source;
    if (declared && source) {
      const { deliveries, firstStoredAtMs } = history;
      classified.push(classifyRecord({ id, source, deliveries, firstStoredAtMs, waiting: waiting.has(id) }, declared));
    }
    if (history.firstStoredAtMs !== null && history.deliveries.some((d) => d.origin === 'replay-failed')) replayed += 1;
    if (count > 0) {
      delivered += 1;
      duplicates += count - 1;
      if (count > 1 && duplicateIds.length < MAX_LISTED_IDS) duplicateIds.push({ id, deliveries: count });
    } else if (waiting.has(id)) inFailedBatches += 1;
    else lostIds.push(id);
  }
  const integrity = declared
    ? summarizeIntegrity(classified, declared, { unidentified: unknownDeliveries, deliveriesByOrigin: byOrigin })
    : undefined;
  return {
    seeded: histories.size,
    delivered,
    duplicates,
    inFailedBatches,
    replayed,
    lost: lostIds.length,
    lostIds: lostIds.slice(0, MAX_LISTED_IDS),
    rejected,
    ...(integrity ? { integrity } : {}),
    duplicateIds,
    unknownDeliveries,
    records: classified,
  };
}

/** The result-file view of a ledger (drops the detail fields). */
export function toResultLedger(ledger: LedgerDetail): ResultLedger {
  const { seeded, delivered, duplicates, inFailedBatches, replayed, lost, lostIds, rejected, integrity } = ledger;
  return {
    seeded,
    delivered,
    duplicates,
    inFailedBatches,
    replayed,
    lost,
    lostIds,
    rejected,
    ...(integrity ? { integrity } : {}),
  };
}
