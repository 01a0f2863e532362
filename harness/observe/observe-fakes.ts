/**
 * Puts the fakes' side of the story on the bus: every journal entry (every request any fake
 * answered, faulted or not) and every record that reached the Sentinel ingest store.
 */
import type { IngestRecord, JournalEntry } from '../../fakes/core/types.js';
import type { EventBus } from './event-bus.js';

export interface ObservableFakes {
  readonly journal: { subscribe(listener: (entry: JournalEntry) => void): () => void };
  readonly ingest: { subscribe(listener: (record: IngestRecord) => void): () => void };
}

export interface ObserveFakesOptions {
  /** Converts a journal `startedAtMs` (fake clock epoch ms) to target ms since the run started. */
  readonly toRunMs: (fakeEpochMs: number) => number;
  /** True while a `replay-failed` process runs, to mark its deliveries as replayed. */
  readonly isReplaying: () => boolean;
}

/** Record id of an ingested record: its `BytesTransferred` field (CONTRACTS §2). */
export function recordIdOf(record: Readonly<Record<string, unknown>>): string | null {
  const bytes = record.BytesTransferred ?? record.bytesTransferred ?? record.bytes;
  if (typeof bytes === 'number' && Number.isFinite(bytes)) return String(bytes);
  if (typeof bytes === 'string' && /^\d+$/.test(bytes)) return String(Number(bytes));
  return null;
}

export function observeFakes(fakes: ObservableFakes, bus: EventBus, options: ObserveFakesOptions): () => void {
  const offJournal = fakes.journal.subscribe((entry) => {
    bus.emit({ type: 'request:completed', entry, startedAtMs: options.toRunMs(entry.startedAtMs) });
  });
  const offIngest = fakes.ingest.subscribe((ingest) => {
    bus.emit({
      type: 'record:ingested',
      recordId: recordIdOf(ingest.record),
      ingest,
      duringReplay: options.isReplaying(),
    });
  });
  return () => {
    offJournal();
    offIngest();
  };
}
