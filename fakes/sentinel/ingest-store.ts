/**
 * Every record the Logs Ingestion fake accepted, in arrival order, with the request it came in.
 * Duplicates are kept (a retried chunk is stored twice), so a test can count them.
 *
 *   add(batch) ─▶ one segment per upload { ruleId, stream, requestId, arrivedAtMs, firstSeq, json }
 *              ├─▶ fingerprint of each record ─▶ FingerprintSet (distinct), unless the body is a repeat
 *              └─▶ listeners get an IngestRecord per record, synchronously (only built if any listen)
 *   records(filter) ─▶ IngestRecords built on demand from the retained segments
 *
 * @note Memory is bounded: beyond `capacity` retained records the oldest are evicted, but `total`,
 * `distinct` and `seq` stay exact. `distinct` compares records by `JSON.stringify` as received (a
 * retried chunk is byte-identical, so key order matches), through a 96-bit fingerprint
 * (fingerprint-set.ts). A batch whose request body was seen before (a retry) skips fingerprinting:
 * its records are known to be counted already.
 * @note Why segments keep the upload's JSON text rather than the parsed records: at 50 MB/s of
 * uploads, 250,000 retained record objects (and their wrappers) made the GC the fake's main cost.
 * One string per upload is nearly free to retain; `records()` re-parses the segments it returns,
 * which is cheap at the rates tests read them. Values are equal to what listeners saw, not the same
 * objects.
 */
import type { IngestRecord } from '../core/types.js';
import { createFingerprintSet } from './fingerprint-set.js';

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
  readonly arrivedAtMs: number;
  readonly records: readonly unknown[];
  /**
   * The JSON array text `records` was parsed from, when there is one. It is retained instead of the
   * parsed records (far cheaper for the GC) and parsed again when `records()` is read; it must
   * parse to values equal to `records`.
   */
  readonly json?: string;
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

export const DEFAULT_INGEST_CAPACITY = 250_000;

interface Segment {
  readonly ruleId: string;
  readonly stream: string;
  readonly requestId: string;
  readonly arrivedAtMs: number;
  readonly firstSeq: number;
  readonly length: number;
  /** Records before this index are evicted. */
  start: number;
  /** The upload's JSON text, or its records when the caller had no text. */
  readonly retained: string | readonly unknown[];
}

export function createIngestStore(options: { capacity?: number } = {}): WritableIngestStore {
  const capacity = options.capacity ?? DEFAULT_INGEST_CAPACITY;
  let segments: Array<Segment | undefined> = []; // entries before `head` are fully evicted
  let head = 0; // index of the oldest segment still holding retained records
  let retainedCount = 0;
  let total = 0;
  let nextSeq = 1;
  const fingerprints = createFingerprintSet();
  const sources = createFingerprintSet(1 << 10);
  const listeners = new Set<IngestListener>();

  const evict = (): void => {
    let excess = retainedCount - capacity;
    while (excess > 0 && head < segments.length) {
      const segment = segments[head]!;
      const drop = Math.min(excess, segment.length - segment.start);
      segment.start += drop;
      retainedCount -= drop;
      excess -= drop;
      if (segment.start === segment.length) segments[head++] = undefined; // let the GC have it
    }
    // Compact once the dead prefix dominates, so eviction stays O(1) amortised.
    if (head > 1_024 && head * 2 > segments.length) {
      segments = segments.slice(head);
      head = 0;
    }
  };

  const toIngestRecord = (segment: Segment, index: number, value: unknown): IngestRecord => ({
    seq: segment.firstSeq + index,
    ruleId: segment.ruleId,
    stream: segment.stream,
    requestId: segment.requestId,
    arrivedAtMs: segment.arrivedAtMs,
    record: value as Readonly<Record<string, unknown>>,
  });

  return {
    add(batch) {
      const values = batch.records;
      if (values.length === 0) return;
      const segment: Segment = {
        ruleId: batch.ruleId,
        stream: batch.stream,
        requestId: batch.requestId,
        arrivedAtMs: batch.arrivedAtMs,
        firstSeq: nextSeq,
        length: values.length,
        start: 0,
        retained: batch.json ?? values,
      };
      nextSeq += values.length;
      segments.push(segment);
      retainedCount += values.length;
      const notify = listeners.size > 0;
      const repeat = batch.source !== undefined && sources.has(batch.source);
      // Only values fresh from JSON.parse are sure to serialise as objects (no toJSON, no boxed primitives).
      const canonical = repeat || batch.json === undefined ? undefined : splitCanonicalJson(values);
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        total++;
        if (!repeat) fingerprints.add(canonical ? canonical[i]! : JSON.stringify(value));
        if (!notify) continue;
        const record = toIngestRecord(segment, i, value);
        for (const listener of listeners) {
          try {
            listener(record);
          } catch {
            // A failing observer must not fail the upload the SDK is waiting on.
          }
        }
      }
      // Only now: a batch counts as known once every one of its records is fingerprinted.
      if (batch.source !== undefined && !repeat) sources.add(batch.source);
      evict();
    },

    records(filter = {}) {
      const out: IngestRecord[] = [];
      for (let s = head; s < segments.length; s++) {
        const segment = segments[s]!;
        if (filter.stream !== undefined && segment.stream !== filter.stream) continue;
        if (filter.ruleId !== undefined && segment.ruleId !== filter.ruleId) continue;
        if (filter.requestId !== undefined && segment.requestId !== filter.requestId) continue;
        let from = segment.start;
        // seq > sinceSeq  ⇔  index > sinceSeq - firstSeq
        const after = filter.sinceSeq === undefined ? from : Math.floor(filter.sinceSeq - segment.firstSeq) + 1;
        if (after > from) from = after; // (a NaN cursor filters nothing out, as a `seq <= NaN` test would)
        if (from >= segment.length) continue;
        const values =
          typeof segment.retained === 'string' ? (JSON.parse(segment.retained) as unknown[]) : segment.retained;
        for (let i = from; i < segment.length; i++) out.push(toIngestRecord(segment, i, values[i]));
      }
      return out;
    },

    count() {
      return { total, distinct: fingerprints.size };
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    clear() {
      segments = [];
      head = 0;
      retainedCount = 0;
      total = 0;
      fingerprints.clear();
      sources.clear();
    },
  };
}

/**
 * `JSON.stringify` of each record, cut from one `JSON.stringify` of the whole array (fewer calls,
 * and the cuts are cheap substrings), or undefined when the cuts are ambiguous.
 * @note Between two object elements the array's JSON always has "},{"; when the text holds exactly
 * `length - 1` of them, none is inside a string or a nested value, so every one is a boundary.
 * That needs every element to serialise as an object: `values` must come from `JSON.parse`.
 */
function splitCanonicalJson(values: readonly unknown[]): string[] | undefined {
  if (values.length < 2) return undefined;
  for (const value of values) if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const text = JSON.stringify(values);
  const out = new Array<string>(values.length);
  let start = 1;
  for (let i = 0; i < values.length - 1; i++) {
    const at = text.indexOf('},{', start);
    if (at < 0) return undefined;
    out[i] = text.slice(start, at + 1);
    start = at + 2;
  }
  if (text.indexOf('},{', start) >= 0) return undefined;
  out[values.length - 1] = text.slice(start, text.length - 1);
  return out;
}
