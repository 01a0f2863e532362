import { describe, expect, it } from 'vitest';
import { Journal } from '../../../fakes/core/journal.js';
import type { JournalEntry, ServiceName } from '../../../fakes/core/types.js';

function entry(service: ServiceName, operation: string, status: number): Omit<JournalEntry, 'seq'> {
  return {
    requestId: `r-${Math.random()}`,
    service,
    operation,
    method: 'GET',
    path: '/',
    status,
    outcome: 'responded',
    startedAtMs: 0,
    durationMs: 1,
    bytesIn: 0,
    bytesOut: 0,
  };
}

describe('Journal', () => {
  it('keeps at most `capacity` entries but exact, gap-free sequence numbers and counters', () => {
    const journal = new Journal({ capacity: 100 });
    for (let i = 0; i < 1_000; i++)
      journal.record(entry(i % 2 ? 's3' : 'sentinel', i % 2 ? 'GetObject' : 'Upload', i % 10 === 0 ? 503 : 200));
    expect(journal.total()).toBe(1_000);
    expect(journal.retained()).toBe(100);
    const all = journal.query();
    expect(all).toHaveLength(100);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
    expect(journal.counts()).toEqual({
      total: 1_000,
      byService: { sentinel: 500, s3: 500 },
      byOperation: { Upload: 500, GetObject: 500 },
      byStatus: { '503': 100, '200': 900 },
      byServiceStatus: { sentinel: { '503': 100, '200': 400 }, s3: { '200': 500 } },
      byServiceOperation: { sentinel: { Upload: 500 }, s3: { GetObject: 500 } },
    });
  });

  it('queries by service, operation, status, sinceSeq and limit', () => {
    const journal = new Journal();
    journal.record(entry('s3', 'GetObject', 200));
    journal.record(entry('s3', 'GetObject', 503));
    journal.record(entry('keyvault', 'GetSecret', 429));
    journal.record(entry('s3', 'PutObject', 503));
    expect(journal.query({ service: 's3' }).map((e) => e.seq)).toEqual([1, 2, 4]);
    expect(journal.query({ operation: 'GetObject', status: 503 }).map((e) => e.seq)).toEqual([2]);
    expect(journal.query({ sinceSeq: 2 }).map((e) => e.seq)).toEqual([3, 4]);
    expect(journal.query({ service: 's3', limit: 2 }).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('streams entries to subscribers until they unsubscribe, and survives a throwing one', () => {
    const journal = new Journal();
    const seen: number[] = [];
    journal.subscribe(() => {
      throw new Error('bad observer');
    });
    const unsubscribe = journal.subscribe((e) => seen.push(e.seq));
    journal.record(entry('s3', 'GetObject', 200));
    unsubscribe();
    journal.record(entry('s3', 'GetObject', 200));
    expect(seen).toEqual([1]);
    expect(journal.total()).toBe(2);
  });
});
