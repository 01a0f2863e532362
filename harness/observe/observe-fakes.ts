/**
 * Puts the fakes' side of the story on the bus: every journal entry (every request any fake
 * answered, faulted or not), every upload with the records it carried (`upload:attempted`,
 * answered or not), and every record that reached the Sentinel ingest store, recognised as one of
 * the seeded records and credited to the process whose endpoint label it came through.
 */
import type { IngestRecord, JournalEntry } from '../../fakes/core/types.js';
import type { UploadAttempt } from '../../fakes/sentinel/upload-attempts.js';
import { parseEndpointLabel } from '../domain/replica.js';
import type { TargetCommand } from '../domain/target-command.js';
import type { RecordIdentity } from '../records/record-identity.js';
import type { EventBus } from './event-bus.js';

type Subscribable<T> = { subscribe(listener: (item: T) => void): () => void };

export interface ObservableFakes {
  readonly journal: Subscribable<JournalEntry>;
  readonly ingest: Subscribable<IngestRecord>;
  readonly uploads: Subscribable<UploadAttempt>;
}

export interface ObserveFakesOptions {
  /** Converts a journal `startedAtMs` (fake clock epoch ms) to target ms since the run started. */
  readonly toRunMs: (fakeEpochMs: number) => number;
  readonly identity: Pick<RecordIdentity, 'identify'>;
}

/** The target process an endpoint label names, or null for no label or another one. */
export function originOf(label: string | undefined): TargetCommand | null {
  return parseEndpointLabel(label)?.command ?? null;
}

/** `{ replica }` when the label names a replica's process, else nothing. */
function replicaOf(label: string | undefined): { replica?: number } {
  const replica = parseEndpointLabel(label)?.replica;
  return replica === undefined ? {} : { replica };
}

export function observeFakes(fakes: ObservableFakes, bus: EventBus, options: ObserveFakesOptions): () => void {
  const { identify } = options.identity;
  const offJournal = fakes.journal.subscribe((entry) => {
    bus.emit({ type: 'request:completed', entry, startedAtMs: options.toRunMs(entry.startedAtMs) });
  });
  const offUploads = fakes.uploads.subscribe((attempt) => {
    const ids = attempt.records.map((r) =>
      typeof r === 'object' && r !== null ? identify(r as Record<string, unknown>) : null,
    );
    bus.emit({
      type: 'upload:attempted',
      requestId: attempt.requestId,
      clientRequestId: attempt.clientRequestId ?? null,
      origin: originOf(attempt.origin),
      recordIds: ids.filter((id): id is string => id !== null),
      unidentified: ids.filter((id) => id === null).length,
      ...replicaOf(attempt.origin),
    });
  });
  const offIngest = fakes.ingest.subscribe((ingest) => {
    const origin = originOf(ingest.origin);
    bus.emit({
      type: 'record:ingested',
      recordId: identify(ingest.record),
      ingest,
      origin,
      ...replicaOf(ingest.origin),
    });
  });
  return () => {
    offJournal();
    offUploads();
    offIngest();
  };
}
