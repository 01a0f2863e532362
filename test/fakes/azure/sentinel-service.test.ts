import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { createSentinelService, DEFAULT_MAX_UNCOMPRESSED_BYTES } from '../../../fakes/sentinel/index.js';
import { jsonBody, makeRequest } from './helpers/make-request.js';

const PATH = '/dataCollectionRules/dcr-123/streams/Custom-Firewall_CL';
const AUTH = { authorization: 'Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln' };

function upload(
  service: ReturnType<typeof createSentinelService>,
  options: Parameters<typeof makeRequest>[3] = {},
  target = `${PATH}?api-version=2023-01-01`,
) {
  const request = makeRequest('sentinel', 'POST', target, options);
  return service.handle(request, service.classify(request));
}

describe('createSentinelService', () => {
  it('classifies uploads with rule id and stream, decoding the path and the api%2Dversion key', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    const request = makeRequest(
      'sentinel',
      'POST',
      '/dataCollectionRules/dcr%2D1/streams/Custom-A_CL?api%2Dversion=2023-01-01',
    );
    expect(service.classify(request)).toEqual({ operation: 'Upload', ruleId: 'dcr-1', stream: 'Custom-A_CL' });
    expect(request.query.get('api-version')).toBe('2023-01-01');
    expect(service.classify(makeRequest('sentinel', 'GET', PATH)).operation).toBe('Unknown');
  });

  it('stores gzip and plain JSON records with stream, rule id, request id and arrival time, answering 204', () => {
    const clock = new ManualClock(1_000);
    const service = createSentinelService({ clock });
    const records = [{ a: 1 }, { a: 2 }];
    const gz = upload(service, {
      headers: { ...AUTH, 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(records)),
    });
    clock.advance(500);
    const plain = upload(service, { headers: AUTH, body: JSON.stringify([{ a: 1 }]) });
    expect([gz.status, plain.status]).toEqual([204, 204]);
    const stored = service.store.records();
    expect(stored.map((r) => [r.seq, r.record, r.arrivedAtMs, r.stream, r.ruleId])).toEqual([
      [1, { a: 1 }, 1_000, 'Custom-Firewall_CL', 'dcr-123'],
      [2, { a: 2 }, 1_000, 'Custom-Firewall_CL', 'dcr-123'],
      [3, { a: 1 }, 1_500, 'Custom-Firewall_CL', 'dcr-123'],
    ]);
    expect(stored[0]!.requestId).toBe(stored[1]!.requestId);
    expect(stored[2]!.requestId).not.toBe(stored[0]!.requestId);
    expect(service.store.count()).toEqual({ total: 3, distinct: 2 });
    expect(service.store.records({ sinceSeq: 2 })).toHaveLength(1);
  });

  it('rejects a missing api-version with 400 and a missing or garbage token with 401', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    const noVersion = upload(service, { headers: AUTH, body: '[]' }, PATH);
    expect(noVersion.status).toBe(400);
    expect(jsonBody(noVersion)).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer a b']) {
      const response = upload(service, { headers: authorization ? { authorization } : {}, body: '[]' });
      expect(response.status, String(authorization)).toBe(401);
      expect(jsonBody(response)).toMatchObject({ error: { code: 'InvalidToken' } });
    }
  });

  it('answers malformed gzip, JSON and non-arrays with 400 and the Azure error envelope', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    const cases = [
      { headers: { ...AUTH, 'content-encoding': 'gzip' }, body: 'not gzip' },
      { headers: AUTH, body: '[{"a":' },
      { headers: AUTH, body: '{"a":1}' },
      { headers: AUTH, body: '[1,2]' },
    ];
    for (const options of cases) {
      const response = upload(service, options);
      expect(response.status).toBe(400);
      expect(jsonBody(response)).toMatchObject({ error: { code: 'InvalidContent', message: expect.any(String) } });
    }
    expect(service.store.count().total).toBe(0);
  });

  it('accepts Python-SDK-sized chunks (~1,063,140 B), answers 413 above 1.1 MiB, even for an inflating gzip', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    const record = { msg: 'x'.repeat(990) };
    const pythonSized = JSON.stringify(Array.from({ length: 1_063 }, () => record));
    expect(pythonSized.length).toBeGreaterThan(1_048_576);
    expect(
      upload(service, { headers: { ...AUTH, 'content-encoding': 'gzip' }, body: gzipSync(pythonSized) }).status,
    ).toBe(204);
    const tooBig = JSON.stringify([{ msg: 'y'.repeat(DEFAULT_MAX_UNCOMPRESSED_BYTES) }]);
    const gz = gzipSync(tooBig);
    expect(gz.length).toBeLessThan(10_000);
    const response = upload(service, { headers: { ...AUTH, 'content-encoding': 'gzip' }, body: gz });
    expect(response.status).toBe(413);
    expect(jsonBody(response)).toMatchObject({ error: { code: 'ContentLengthLimitExceeded' } });
  });

  it('builds injected errors in the same envelope with per-status default codes', () => {
    const service = createSentinelService({ clock: new ManualClock(0) });
    const request = makeRequest('sentinel', 'POST', PATH);
    const response = service.errorResponse(429, undefined, 'slow down', request, service.classify(request));
    expect(response.status).toBe(429);
    expect(jsonBody(response)).toEqual({ error: { code: 'TooManyRequests', message: 'slow down' } });
    expect([503, 500, 401, 403].map((s) => service.defaultErrorCode(s, { operation: 'Upload' }))).toEqual([
      'ServiceUnavailable',
      'InternalServerError',
      'InvalidToken',
      'Forbidden',
    ]);
  });
});

describe('IngestStore', () => {
  it('notifies subscribers until they unsubscribe, evicts beyond capacity and keeps counts exact', () => {
    const service = createSentinelService({ clock: new ManualClock(0), ingestCapacity: 3 });
    const seen: number[] = [];
    const unsubscribe = service.store.subscribe((r) => seen.push(r.seq));
    upload(service, { headers: AUTH, body: JSON.stringify([{ n: 1 }, { n: 2 }]) });
    unsubscribe();
    upload(service, { headers: AUTH, body: JSON.stringify([{ n: 1 }, { n: 3 }, { n: 4 }]) });
    expect(seen).toEqual([1, 2]);
    expect(service.store.records().map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(service.store.count()).toEqual({ total: 5, distinct: 4 });
    service.resetState?.();
    expect(service.store.count()).toEqual({ total: 0, distinct: 0 });
    expect(service.store.records()).toEqual([]);
  });
});
