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
 * (fingerprint-set.ts), taken from the batch's `canonical` strings when it brings them (then the
 * records themselves are read only for listeners). A batch whose request body was seen before (a
 * retry) skips fingerprinting: its records are known to be counted already.
 * @note Why segments keep the upload's JSON text rather than the parsed records: at 50 MB/s of
 * uploads, 250,000 retained record objects (and their wrappers) made the GC the fake's main cost.
 * One string per upload is nearly free to retain; `records()` re-parses the segments it returns,
 * which is cheap at the rates tests read them. Values are equal to what listeners saw, not the same
 * objects.
 */
import type { IngestRecord } from '../core/types.js';
import { createFingerprintSet } from './fingerprint-set.js';
import type { IngestListener, WritableIngestStore } from './ingest-store-types.js';
import { splitCanonicalJson } from './split-canonical-json.js';

export type {
  IngestBatch,
  IngestCount,
  IngestFilter,
  IngestListener,
  IngestStore,
  WritableIngestStore,
} from './ingest-store-types.js';

export const DEFAULT_INGEST_CAPACITY = 250_000;

interface Segment {
  readonly ruleId: string;
  readonly stream: string;
  readonly requestId: string;
  readonly origin: string | undefined;
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
      const segment = segments[head];
      if (segment === undefined) break; // never: the segment at `head` still holds records
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
    ...(segment.origin !== undefined ? { origin: segment.origin } : {}),
    arrivedAtMs: segment.arrivedAtMs,
    record: value as Readonly<Record<string, unknown>>,
  });

  return {
    add(batch) {
      // @note `records` may be a getter that parses (see IngestBatch.canonical): read it only if needed.
      const given = batch.canonical;
      const count = given ? given.length : batch.records.length;
      if (count === 0) return;
      const notify = listeners.size > 0;
      const values = given && !notify ? undefined : batch.records;
      const segment: Segment = {
        ruleId: batch.ruleId,
        stream: batch.stream,
        requestId: batch.requestId,
        origin: batch.origin,
        arrivedAtMs: batch.arrivedAtMs,
        firstSeq: nextSeq,
        length: count,
        start: 0,
        retained: batch.json ?? batch.records,
      };
      nextSeq += count;
      segments.push(segment);
      retainedCount += count;
      const repeat = batch.source !== undefined && sources.has(batch.source);
      // Only values fresh from JSON.parse are sure to serialise as objects (no toJSON, no boxed primitives).
      const canonical = given ?? (repeat || batch.json === undefined ? undefined : splitCanonicalJson(batch.records));
      for (let i = 0; i < count; i++) {
        total++;
        if (!repeat) fingerprints.add(canonical ? canonical[i] : JSON.stringify(batch.records[i]));
        if (!values) continue;
        const record = toIngestRecord(segment, i, values[i]);
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
        const segment = segments[s];
        if (segment === undefined) continue; // never: segments from `head` on are live
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
