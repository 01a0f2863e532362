/**
 * The ingest store's bookkeeping under the fast path: segments retained as JSON text, the 96-bit
 * fingerprint set, and the repeat-body shortcut. Every count is checked against a brute-force
 * `Set` of `JSON.stringify` strings, the semantics the store documents.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import type { IngestRecord } from '../../../fakes/core/types.js';
import { createFingerprintSet } from '../../../fakes/sentinel/fingerprint-set.js';
import { createIngestStore, createSentinelService } from '../../../fakes/sentinel/index.js';
import { makeRequest } from './helpers/make-request.js';

const PATH = '/dataCollectionRules/dcr-1/streams/Custom-Fw_CL?api-version=2023-01-01';
const AUTH = { authorization: 'Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln' };

function gzipUpload(service: ReturnType<typeof createSentinelService>, records: unknown[], target = PATH) {
  const request = makeRequest('sentinel', 'POST', target, {
    headers: { ...AUTH, 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify(records)),
  });
  return service.handle(request, service.classify(request)).status;
}

function plainUpload(service: ReturnType<typeof createSentinelService>, body: string) {
  const request = makeRequest('sentinel', 'POST', PATH, { headers: AUTH, body });
  return service.handle(request, service.classify(request)).status;
}

const firewall = (n: number) => ({
  TimeGenerated: '2024-01-01T00:00:00Z',
  SourceIP: '10.0.0.1',
  Action: n % 3 ? 'allow' : 'deny',
  BytesTransferred: 1_000_000 + n,
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => firewall(from + i));

describe('ingest store fast path', () => {
  it('counts distinct records exactly across retried bodies, re-chunked duplicates and eviction', () => {
    const service = createSentinelService({ clock: new ManualClock(0), ingestCapacity: 250 });
    const expected = new Set<string>();
    let total = 0;
    const send = (records: ReturnType<typeof firewall>[]) => {
      expect(gzipUpload(service, records)).toBe(204);
      for (const r of records) expected.add(JSON.stringify(r));
      total += records.length;
    };
    send(range(0, 100));
    send(range(0, 100)); // a retried chunk: byte-identical body
    send(range(50, 150)); // the same records re-chunked: a new body, half of it duplicates
    send(range(150, 400)); // pushes the first bodies out of retention
    send(range(0, 100)); // the retried body again, long after it was evicted
    send([firewall(7), { ...firewall(7), Action: 'other' }]);
    expect(service.store.count()).toEqual({ total, distinct: expected.size });
    expect(expected.size).toBe(401);
    const retained = service.store.records();
    expect(retained).toHaveLength(250);
    expect(retained.map((r) => r.seq)).toEqual(Array.from({ length: 250 }, (_, i) => total - 250 + 1 + i));
  });

  it('compares records by JSON.stringify: whitespace does not matter, key order and values do', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    expect(plainUpload(service, '[{"a":1,"b":"x y"}]')).toBe(204);
    expect(plainUpload(service, '[ { "a" : 1 ,\n "b" : "x y" } ]')).toBe(204);
    expect(plainUpload(service, '[{"a":1.0,"b":"x\\u0020y"}]')).toBe(204);
    expect(service.store.count()).toEqual({ total: 3, distinct: 1 });
    expect(plainUpload(service, '[{"b":"x y","a":1}]')).toBe(204);
    expect(plainUpload(service, '[{"a":2,"b":"x y"}]')).toBe(204);
    expect(service.store.count()).toEqual({ total: 5, distinct: 3 });
    expect(service.store.records().map((r) => r.record)).toEqual([
      { a: 1, b: 'x y' },
      { a: 1, b: 'x y' },
      { a: 1, b: 'x y' },
      { b: 'x y', a: 1 },
      { a: 2, b: 'x y' },
    ]);
  });

  it('counts exactly when record boundaries are ambiguous: "},{" inside strings, nested objects and arrays', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    const tricky = [
      { msg: 'a},{b', n: 1 },
      { msg: 'a},{b', n: 1 },
      { nested: [{ x: 1 }, { x: 2 }], n: 2 },
      { nested: { deep: [{ y: '},{' }] }, n: 3 },
      { n: 4 },
      { n: 4 },
    ];
    expect(gzipUpload(service, tricky)).toBe(204);
    expect(gzipUpload(service, [{ msg: 'a},{b', n: 1 }, { n: 5 }])).toBe(204); // ambiguous again
    // braces, but one "},{" per boundary
    expect(gzipUpload(service, [{ msg: 'a}', n: 6 }, { msg: '{b', n: 7 }, { n: 5 }])).toBe(204);
    expect(gzipUpload(service, [{ n: 5 }])).toBe(204); // a single record
    expect(service.store.count()).toEqual({ total: 12, distinct: 7 });
    expect(service.store.records().map((r) => r.record)).toEqual([
      ...tricky,
      { msg: 'a},{b', n: 1 },
      { n: 5 },
      { msg: 'a}', n: 6 },
      { msg: '{b', n: 7 },
      { n: 5 },
      { n: 5 },
    ]);
  });

  it('forgets seen bodies on clear, so a body sent again is counted again', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    expect(gzipUpload(service, range(0, 10))).toBe(204);
    service.resetState?.();
    expect(gzipUpload(service, range(0, 10))).toBe(204);
    expect(service.store.count()).toEqual({ total: 10, distinct: 10 });
    expect(service.store.records()[0]!.seq).toBe(11); // seq keeps increasing across clear
  });

  it('gives listeners and records() equal records with the same seq, request id and arrival time', () => {
    const clock = new ManualClock(5_000);
    const service = createSentinelService({ clock, ingestCapacity: 1_000 });
    const heard: IngestRecord[] = [];
    service.store.subscribe((r) => heard.push(r));
    expect(gzipUpload(service, range(0, 3))).toBe(204);
    clock.advance(10);
    expect(gzipUpload(service, range(0, 3))).toBe(204); // repeat body: skips fingerprints, still notified
    expect(heard).toHaveLength(6);
    expect(service.store.records()).toEqual(heard);
    expect(heard.map((r) => r.arrivedAtMs)).toEqual([5_000, 5_000, 5_000, 5_010, 5_010, 5_010]);
  });

  it('filters by stream, rule id, request id and sinceSeq across partly evicted segments', () => {
    const service = createSentinelService({ clock: new ManualClock(0), ingestCapacity: 5 });
    const upload = (records: unknown[], rule: string, stream: string) =>
      gzipUpload(service, records, `/dataCollectionRules/${rule}/streams/${stream}?api-version=1`);
    expect(upload(range(0, 4), 'dcr-a', 'S1')).toBe(204); // seq 1-4
    expect(upload(range(4, 7), 'dcr-b', 'S2')).toBe(204); // seq 5-7
    const all = service.store.records();
    expect(all.map((r) => r.seq)).toEqual([3, 4, 5, 6, 7]); // 1-2 evicted from the first segment
    expect(all.map((r) => r.record.BytesTransferred)).toEqual([1_000_002, 1_000_003, 1_000_004, 1_000_005, 1_000_006]);
    expect(service.store.records({ stream: 'S1' }).map((r) => r.seq)).toEqual([3, 4]);
    expect(service.store.records({ ruleId: 'dcr-b' }).map((r) => r.seq)).toEqual([5, 6, 7]);
    expect(service.store.records({ requestId: all[0]!.requestId }).map((r) => r.seq)).toEqual([3, 4]);
    expect(service.store.records({ sinceSeq: 0 }).map((r) => r.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(service.store.records({ sinceSeq: 3 }).map((r) => r.seq)).toEqual([4, 5, 6, 7]);
    expect(service.store.records({ sinceSeq: 5 }).map((r) => r.seq)).toEqual([6, 7]);
    expect(service.store.records({ sinceSeq: 7 })).toEqual([]);
    expect(service.store.records({ sinceSeq: Number.NaN }).map((r) => r.seq)).toEqual([3, 4, 5, 6, 7]);
  });

  it('keeps records passed without their JSON text (direct store use)', () => {
    const store = createIngestStore({ capacity: 2 });
    store.add({ ruleId: 'r', stream: 's', requestId: 'q1', arrivedAtMs: 1, records: [{ n: 1 }, { n: 2 }, { n: 1 }] });
    store.add({ ruleId: 'r', stream: 's', requestId: 'q2', arrivedAtMs: 2, records: [] });
    expect(store.records().map((r) => [r.seq, r.record])).toEqual([
      [2, { n: 2 }],
      [3, { n: 1 }],
    ]);
    expect(store.count()).toEqual({ total: 3, distinct: 2 });
    // Elements that do not serialise as objects must not confuse the record cuts.
    store.add({ ruleId: 'r', stream: 's', requestId: 'q3', arrivedAtMs: 3, records: [{ m: '},{' }, new Date(0)] });
    store.add({
      ruleId: 'r',
      stream: 's',
      requestId: 'q4',
      arrivedAtMs: 4,
      records: [{ m: '},{' }, 'x'],
      json: '[{"m":"},{"},"x"]',
    });
    expect(store.count()).toEqual({ total: 7, distinct: 5 });
    expect(store.records({ requestId: 'q4' }).map((r) => r.record)).toEqual([{ m: '},{' }, 'x']);
  });
});

describe('createFingerprintSet', () => {
  it('stays exact while its table grows far past the initial size', () => {
    const set = createFingerprintSet(1 << 4);
    let added = 0;
    for (let i = 0; i < 20_000; i++) if (set.add(`{"n":${i}}`)) added++;
    expect([added, set.size]).toEqual([20_000, 20_000]);
    let again = 0;
    for (let i = 0; i < 20_000; i++) if (set.add(`{"n":${i}}`)) again++;
    expect(again).toBe(0);
    expect(set.has('{"n":19999}')).toBe(true);
    expect(set.has('{"n":20000}')).toBe(false);
    expect(set.has(Buffer.from('{"n":5}'))).toBe(true); // a string is hashed as its UTF-8 bytes
    set.clear();
    expect([set.size, set.has('{"n":1}')]).toEqual([0, false]);
  });
});
