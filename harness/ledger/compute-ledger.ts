/**
 * The record ledger: accounts for every seeded record, by id (its BytesTransferred value,
 * CONTRACTS §2), from the run's events alone. Each seeded record is in exactly one of:
 *
 *   delivered (once or more) │ waiting in a failed-batch file (undelivered) │ lost
 *
 * so `seeded = delivered + inFailedBatches + lost`. `duplicates` counts deliveries beyond the
 * first; `replayed` counts stored records that a replay-failed process delivered; `rejected` counts
 * records the target said it dropped with a reason (they are still lost if never delivered).
 *
 * @example const ledger = computeLedger(bus.events()); ledger.lost === 0
 */
import type { RunEvent } from '../observe/events.js';
import type { ResultLedger } from '../result/result-schema.js';

const MAX_LOST_IDS = 50;

export interface LedgerDetail extends ResultLedger {
  /** Ids delivered more than once, with their delivery counts (capped at 50). */
  readonly duplicateIds: readonly { readonly id: string; readonly deliveries: number }[];
  /** Ingested records whose id was never seeded (counted, not part of the ledger). */
  readonly unknownDeliveries: number;
}

export function computeLedger(events: readonly RunEvent[]): LedgerDetail {
  const seeded: string[] = [];
  const seededSet = new Set<string>();
  const deliveries = new Map<string, number>();
  const replayedCandidates = new Set<string>();
  const everStored = new Set<string>();
  const waitingFiles = new Map<string, readonly string[]>();
  let unknownDeliveries = 0;
  let rejected = 0;

  for (const event of events) {
    switch (event.type) {
      case 'seed:put':
        for (const id of event.recordIds) {
          if (!seededSet.has(id)) {
            seededSet.add(id);
            seeded.push(id);
          }
        }
        break;
      case 'record:ingested':
        if (event.recordId === null || !seededSet.has(event.recordId)) {
          unknownDeliveries += 1;
          break;
        }
        deliveries.set(event.recordId, (deliveries.get(event.recordId) ?? 0) + 1);
        if (event.duringReplay) replayedCandidates.add(event.recordId);
        break;
      case 'batch-file:created':
        waitingFiles.set(event.file, event.recordIds);
        for (const id of event.recordIds) everStored.add(id);
        break;
      case 'batch-file:archived':
        waitingFiles.delete(event.file);
        break;
      case 'record:rejected':
        rejected += event.count;
        break;
      default:
        break;
    }
  }

  // Replayed: delivered while replay-failed ran AND once stored in a failed-batch file, so an
  // arrival the run process delivered meanwhile is not credited to the replay.
  const replayed = [...replayedCandidates].filter((id) => everStored.has(id));
  const waiting = new Set<string>();
  for (const ids of waitingFiles.values()) for (const id of ids) waiting.add(id);

  let delivered = 0;
  let duplicates = 0;
  let inFailedBatches = 0;
  const lostIds: string[] = [];
  const duplicateIds: { id: string; deliveries: number }[] = [];
  for (const id of seeded) {
    const count = deliveries.get(id) ?? 0;
    if (count > 0) {
      delivered += 1;
      duplicates += count - 1;
      if (count > 1 && duplicateIds.length < MAX_LOST_IDS) duplicateIds.push({ id, deliveries: count });
    } else if (waiting.has(id)) {
      inFailedBatches += 1;
    } else {
      lostIds.push(id);
    }
  }
  return {
    seeded: seeded.length,
    delivered,
    duplicates,
    inFailedBatches,
    replayed: replayed.length,
    lost: lostIds.length,
    lostIds: lostIds.slice(0, MAX_LOST_IDS),
    rejected,
    duplicateIds,
    unknownDeliveries,
  };
}

/** The result-file view of a ledger (drops the detail fields). */
export function toResultLedger(ledger: LedgerDetail): ResultLedger {
  const { seeded, delivered, duplicates, inFailedBatches, replayed, lost, lostIds, rejected } = ledger;
  return { seeded, delivered, duplicates, inFailedBatches, replayed, lost, lostIds, rejected };
}
