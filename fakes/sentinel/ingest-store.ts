/**
 * Every record the Logs Ingestion fake accepted, in arrival order, with the request it came in.
 * Duplicates are kept (a retried chunk is stored twice), so a test can count them.
 *
 * @note Memory is bounded: beyond `capacity` retained records the oldest are evicted, but `total`,
 * `distinct` and `seq` stay exact. `distinct` compares records by `JSON.stringify` as received (a
 * retried chunk is byte-identical, so key order matches); fingerprints are computed lazily, at the
 * first `count()` after a record arrives, to keep hashing off the upload path.
 */
import { createHash } from 'node:crypto';
import type { IngestRecord } from '../core/types.js';

export interface IngestFilter {
  readonly stream?: string;
  readonly ruleId?: string;
  readonly requestId?: string;
  /** Only records with `seq > sinceSeq`. */
  readonly sinceSeq?: number;
}

export interface IngestCount {
  /** Every record accepted, duplicates included. */
  readonly total: number;
  /** Records with distinct content. */
  readonly distinct: number;
}

export type IngestListener = (record: IngestRecord) => void;

export interface IngestStore {
  /** Retained records in arrival order, optionally filtered. */
  records(filter?: IngestFilter): IngestRecord[];
  count(): IngestCount;
  /** Called synchronously for every record as it is stored; returns the unsubscribe function. */
  subscribe(listener: IngestListener): () => void;
  /** Empties the store and its counters (seq keeps increasing so `sinceSeq` cursors stay valid). */
  clear(): void;
}

/** The fake's side of the store: adding one request's records. */
export interface WritableIngestStore extends IngestStore {
  add(batch: { ruleId: string; stream: string; requestId: string; arrivedAtMs: number; records: readonly unknown[] }): void;
}

export const DEFAULT_INGEST_CAPACITY = 250_000;

export function createIngestStore(options: { capacity?: number } = {}): WritableIngestStore {
  const capacity = options.capacity ?? DEFAULT_INGEST_CAPACITY;
  let retained: IngestRecord[] = [];
  let head = 0; // index of the oldest retained record in `retained`
  let fingerprinted = 0; // records (from `head`) whose fingerprint is already counted
  let total = 0;
  let nextSeq = 1;
  let fingerprints = new Set<string>();
  const listeners = new Set<IngestListener>();

  const fingerprintUpTo = (end: number): void => {
    for (let i = Math.max(head, fingerprinted); i < end; i++) {
      fingerprints.add(createHash('sha1').update(JSON.stringify(retained[i]!.record)).digest('base64'));
    }
    fingerprinted = Math.max(fingerprinted, end);
  };

  const evict = (): void => {
    const excess = retained.length - head - capacity;
    if (excess <= 0) return;
    fingerprintUpTo(head + excess);
    head += excess;
    // Compact once the dead prefix dominates, so eviction stays O(1) amortised.
    if (head > capacity) {
      retained = retained.slice(head);
      fingerprinted -= head;
      head = 0;
    }
  };

  return {
    add(batch) {
      for (const value of batch.records) {
        const record: IngestRecord = {
          seq: nextSeq++,
          ruleId: batch.ruleId,
          stream: batch.stream,
          requestId: batch.requestId,
          arrivedAtMs: batch.arrivedAtMs,
          record: value as Readonly<Record<string, unknown>>,
        };
        retained.push(record);
        total++;
        for (const listener of listeners) {
          try {
            listener(record);
          } catch {
            // A failing observer must not fail the upload the SDK is waiting on.
          }
        }
      }
      evict();
    },

    records(filter = {}) {
      const out: IngestRecord[] = [];
      for (let i = head; i < retained.length; i++) {
        const r = retained[i]!;
        if (filter.sinceSeq !== undefined && r.seq <= filter.sinceSeq) continue;
        if (filter.stream !== undefined && r.stream !== filter.stream) continue;
        if (filter.ruleId !== undefined && r.ruleId !== filter.ruleId) continue;
        if (filter.requestId !== undefined && r.requestId !== filter.requestId) continue;
        out.push(r);
      }
      return out;
    },

    count() {
      fingerprintUpTo(retained.length);
      return { total, distinct: fingerprints.size };
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    clear() {
      retained = [];
      head = 0;
      fingerprinted = 0;
      total = 0;
      fingerprints = new Set();
    },
  };
}
