/** The ingest store's public shapes: what the Logs Ingestion fake keeps and how it is read. */
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

/** One accepted upload's records. */
export interface IngestBatch {
  readonly ruleId: string;
  readonly stream: string;
  readonly requestId: string;
  /** The client's label from its endpoint path, when it had one. */
  readonly origin?: string;
  readonly arrivedAtMs: number;
  readonly records: readonly unknown[];
  /**
   * The JSON array text `records` was parsed from, when there is one. It is retained instead of the
   * parsed records (far cheaper for the GC) and parsed again when `records()` is read; it must
   * parse to values equal to `records`.
   */
  readonly json?: string;
  /**
   * Each record's `JSON.stringify`, in order, when the caller has them (cut from `json`): the store
   * then fingerprints these and reads `records` only for its listeners. Must hold one string per
   * record, each equal to `JSON.stringify` of that record.
   */
  readonly canonical?: readonly string[];
  /**
   * The exact bytes the records were decoded from (the request body), when the caller has them.
   * Equal bytes must mean equal records. A batch whose bytes were already stored since the last
   * `clear()` (a retried chunk) has every record's fingerprint counted already, so it skips the
   * per-record fingerprinting; it is stored and counted in `total` as usual.
   */
  readonly source?: Buffer;
}

/** The fake's side of the store: adding one request's records. */
export interface WritableIngestStore extends IngestStore {
  add(batch: IngestBatch): void;
}
