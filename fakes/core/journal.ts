/**
 * Every request every fake saw, in arrival-completion order. Memory is bounded by a ring buffer
 * (oldest entries are evicted), while `seq`, `total()` and `counts()` stay exact for the whole run.
 *
 * @example
 *   const journal = new Journal({ capacity: 10_000 });
 *   const stop = journal.subscribe((entry) => console.log(entry.operation, entry.status));
 *   journal.query({ service: 's3', status: 503 });
 */
import type { JournalEntry, JournalQuery } from './types.js';

export interface JournalOptions {
  /** Entries kept in memory. Default 10_000. */
  readonly capacity?: number;
}

export interface JournalCounts {
  total: number;
  byService: Record<string, number>;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  byServiceStatus: Record<string, Record<string, number>>;
  byServiceOperation: Record<string, Record<string, number>>;
}

export class Journal {
  readonly capacity: number;
  private readonly ring: (JournalEntry | undefined)[];
  private nextSeq = 1;
  private readonly byService = new Map<string, number>();
  private readonly byOperation = new Map<string, number>();
  private readonly byStatus = new Map<string, number>();
  private readonly byServiceStatus = new Map<string, Map<string, number>>();
  private readonly byServiceOperation = new Map<string, Map<string, number>>();
  private readonly listeners = new Set<(entry: JournalEntry) => void>();

  constructor(options: JournalOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) {
      throw new RangeError(`Failed to create the journal: capacity must be an integer >= 1, got ${options.capacity}.`);
    }
    this.ring = new Array(this.capacity);
  }

  record(input: Omit<JournalEntry, 'seq'>): JournalEntry {
    const entry: JournalEntry = Object.freeze({ seq: this.nextSeq++, ...input });
    this.ring[(entry.seq - 1) % this.capacity] = entry;
    increment(this.byService, entry.service);
    increment(this.byOperation, entry.operation);
    increment(this.byStatus, String(entry.status));
    incrementNested(this.byServiceStatus, entry.service, String(entry.status));
    incrementNested(this.byServiceOperation, entry.service, entry.operation);
    // @note Most runs have no listener; copying the set for every entry would be pure overhead then.
    if (this.listeners.size > 0) this.notify(entry);
    return entry;
  }

  /** Retained entries matching the query, oldest first; `limit` keeps the first N after `sinceSeq`. */
  query(q: JournalQuery = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    const lastSeq = this.nextSeq - 1;
    const firstSeq = Math.max(1, lastSeq - this.capacity + 1, (q.sinceSeq ?? 0) + 1);
    const limit = q.limit ?? Number.POSITIVE_INFINITY;
    for (let seq = firstSeq; seq <= lastSeq && out.length < limit; seq++) {
      const entry = this.ring[(seq - 1) % this.capacity];
      if (entry === undefined) continue; // never: every seq in [firstSeq, lastSeq] is retained
      if (q.service !== undefined && entry.service !== q.service) continue;
      if (q.operation !== undefined && entry.operation !== q.operation) continue;
      if (q.status !== undefined && entry.status !== q.status) continue;
      out.push(entry);
    }
    return out;
  }

  /** Requests recorded since start (evicted ones included). */
  total(): number {
    return this.nextSeq - 1;
  }

  /** Number of entries still held in memory. */
  retained(): number {
    return Math.min(this.total(), this.capacity);
  }

  /** Exact counters since start. Statuses are string keys (`"200"`, `"0"` for no response). */
  counts(): JournalCounts {
    return {
      total: this.total(),
      byService: Object.fromEntries(this.byService),
      byOperation: Object.fromEntries(this.byOperation),
      byStatus: Object.fromEntries(this.byStatus),
      byServiceStatus: nestedToRecord(this.byServiceStatus),
      byServiceOperation: nestedToRecord(this.byServiceOperation),
    };
  }

  /** Calls `listener` for every entry recorded from now on; returns the unsubscribe function. */
  subscribe(listener: (entry: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(entry: JournalEntry): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(entry);
      } catch {
        // @note A failing observer must never break the fake that is recording.
      }
    }
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function incrementNested(map: Map<string, Map<string, number>>, outer: string, inner: string): void {
  let counts = map.get(outer);
  if (!counts) {
    counts = new Map();
    map.set(outer, counts);
  }
  increment(counts, inner);
}

function nestedToRecord(map: Map<string, Map<string, number>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [key, inner] of map) out[key] = Object.fromEntries(inner);
  return out;
}
