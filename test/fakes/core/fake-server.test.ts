import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { type StartedFakeServer, startFakeServer } from '../../../fakes/core/fake-server.js';
import { FaultEngine } from '../../../fakes/core/fault-engine.js';
import { Journal } from '../../../fakes/core/journal.js';
import { createRunCertificates, type RunCertificates } from '../../../fakes/core/tls.js';
import type { JournalEntry } from '../../../fakes/core/types.js';
import { rawRequest, waitFor } from './helpers/raw-request.js';
import { createTinyService, type TinyService } from './helpers/tiny-service.js';

/** The fakes' time is driven by hand: no test here waits for wall time to pass. */
const clock = new ManualClock(Date.UTC(2025, 0, 1));
let engine: FaultEngine;
let journal: Journal;
let service: TinyService;
let server: StartedFakeServer;

const lastEntry = (): JournalEntry => journal.query().at(-1)!;

beforeAll(async () => {
  engine = new FaultEngine({ clock, seed: 3 });
  journal = new Journal();
  service = createTinyService();
  server = await startFakeServer({ definition: service, engine, journal, clock, maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.stop());
beforeEach(() => {
  engine.clear();
  service.store.clear();
  service.store.set('k', Buffer.alloc(1_000, 'x'));
});

/** Resolves with the delay of the timer the fake starts on its clock (none may be pending before). */
async function nextDelayMs(): Promise<number> {
  expect(clock.pendingTimers()).toBe(0);
  await waitFor('the fake to start a timer', () => clock.pendingTimers() === 1);
  return clock.nextDueInMs() ?? Number.NaN;
}

/** A round trip through the server: requests it received before are processed up to their wait. */
async function roundTrip(): Promise<void> {
  const res = await rawRequest(`${server.url}/echo-query`);
  expect(res.ok && res.status).toBe(200);
}

function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  void promise.finally(() => {
    settled = true;
  });
  return { promise, settled: () => settled };
}

describe('fake server plumbing', () => {
  it('serves the definition, decodes query keys with a real URL decoder, adds Date, journals one entry', async () => {
    const before = journal.total();
    const res = await rawRequest(`${server.url}/echo-query?api%2Dversion=2025-07-01&a=b%20c`);
    expect(res.ok && res.status).toBe(200);
    if (!res.ok) return;
    expect(JSON.parse(res.body.toString())).toEqual({ 'api-version': '2025-07-01', a: 'b c' });
    expect(Number.isNaN(Date.parse(res.headers.date ?? ''))).toBe(false);
    expect(journal.total()).toBe(before + 1);
    expect(lastEntry()).toMatchObject({
      service: 'sentinel',
      operation: 'EchoQuery',
      method: 'GET',
      path: '/echo-query',
      status: 200,
      outcome: 'responded',
    });
  });

  it('records the SDK attempt and the classified key', async () => {
    await rawRequest(`${server.url}/kv/k`, { headers: { 'amz-sdk-request': 'attempt=3; max=5' } });
    expect(lastEntry()).toMatchObject({ attempt: 3, key: 'k', operation: 'GetValue', bytesOut: 1_000 });
  });

  it('answers Expect: 100-continue and reads the body', async () => {
    const res = await rawRequest(`${server.url}/kv/new`, { method: 'PUT', body: 'hello', expectContinue: true });
    expect(res.ok && res.status).toBe(201);
    expect(service.store.get('new')?.toString()).toBe('hello');
    expect(lastEntry()).toMatchObject({ bytesIn: 5, status: 201 });
  });

  it('turns a handler exception into the service-shaped 500 and keeps serving', async () => {
    const res = await rawRequest(`${server.url}/boom`, { method: 'POST' });
    expect(res.ok && res.status).toBe(500);
    if (res.ok) expect(JSON.parse(res.body.toString()).error.code).toBe('Http500');
    expect(lastEntry().note).toContain('kaboom');
    expect((await rawRequest(`${server.url}/kv/k`)).ok).toBe(true);
  });

  it('answers an oversized body with the service-shaped 413', async () => {
    const res = await rawRequest(`${server.url}/kv/big`, { method: 'PUT', body: Buffer.alloc(200 * 1024) });
    expect(res.ok && res.status).toBe(413);
    if (res.ok) expect(JSON.parse(res.body.toString()).error.code).toBe('ContentLengthLimitExceeded');
    expect(service.store.has('big')).toBe(false);
    expect(lastEntry()).toMatchObject({ status: 413, outcome: 'rejected' });
    // The cut that bounds the drain is cancelled once the connection is done with.
    await waitFor('the drain cut to be cancelled', () => clock.pendingTimers() === 0);
  });

  it('journals a client that disconnects mid-body as client_aborted', async () => {
    const before = journal.total();
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Expect: 100-continue makes the server say when it has dispatched the request.
    socket.write('PUT /kv/partial HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    await new Promise<void>((resolve) => socket.write('a'.repeat(100), () => resolve()));
    socket.destroy();
    await waitFor('the aborted request to be journaled', () => journal.total() === before + 1);
    expect(lastEntry()).toMatchObject({ outcome: 'client_aborted', status: 0, operation: 'PutValue', bytesIn: 100 });
    expect(service.store.has('partial')).toBe(false);
  });
});

describe('fault effects seen by a real client', () => {
  it('http_error: status, service envelope and Retry-After exactly as the rule says at scale 1', async () => {
    const rule = engine.add({
      target: { service: 'sentinel', operation: 'GetValue' },
      effect: { kind: 'http_error', status: 429, retryAfterSeconds: 2 },
    });
    const handledBefore = service.handled.count;
    const res = await rawRequest(`${server.url}/kv/k`);
    expect(res.ok && res.status).toBe(429);
    if (!res.ok) return;
    expect(JSON.parse(res.body.toString())).toEqual({ error: { code: 'TooManyRequests', message: 'Injected fault.' } });
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['retry-after-ms']).toBeUndefined();
    expect(lastEntry()).toMatchObject({ status: 429, faultRuleId: rule.id, faultKind: 'http_error' });
    expect(service.handled.count).toBe(handledBefore); // the handler did not run
  });

  it('http_error: explicit code and message, Retry-After compressed at timeScale 10', async () => {
    const scaledEngine = new FaultEngine({ clock, timeScale: 10 });
    await using scaled = await startFakeServer({ definition: service, engine: scaledEngine, journal, clock });
    scaledEngine.add({
      target: { service: 'sentinel' },
      effect: { kind: 'http_error', status: 503, code: 'Busy', message: 'try later', retryAfterSeconds: 15 },
    });
    const res = await rawRequest(`${scaled.url}/kv/k`);
    expect(res.ok && res.status).toBe(503);
    if (!res.ok) return;
    expect(JSON.parse(res.body.toString())).toEqual({ error: { code: 'Busy', message: 'try later' } });
    expect(res.headers['retry-after-ms']).toBe('1500');
    expect(res.headers['retry-after']).toBe('2');
  });

  it('latency: the answer waits exactly latencyMs on the fake clock, then arrives', async () => {
    engine.add({ target: { service: 'sentinel', operation: 'GetValue' }, effect: { kind: 'latency', latencyMs: 300 } });
    const pending = track(rawRequest(`${server.url}/kv/k`));
    expect(await nextDelayMs()).toBe(300);
    clock.advance(299);
    await roundTrip();
    expect(pending.settled()).toBe(false);
    clock.advance(1);
    const res = await pending.promise;
    expect(res.ok && res.status).toBe(200);
    expect(lastEntry()).toMatchObject({ faultKind: 'latency', status: 200, durationMs: 300 });
  });

  it('latency: seeded jitter stays within ±jitterMs and target ms are divided by timeScale', async () => {
    const scaledEngine = new FaultEngine({ clock, timeScale: 4, seed: 5 });
    await using scaled = await startFakeServer({ definition: service, engine: scaledEngine, journal, clock });
    scaledEngine.add({ target: { service: 'sentinel' }, effect: { kind: 'latency', latencyMs: 800, jitterMs: 200 } });
    const delaysMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const pending = rawRequest(`${scaled.url}/kv/k`);
      const delayMs = await nextDelayMs();
      // (800 ± 200) / 4 = 150..250 ms on the fake clock.
      expect(delayMs).toBeGreaterThanOrEqual(150);
      expect(delayMs).toBeLessThanOrEqual(250);
      clock.advance(delayMs);
      expect((await pending).ok).toBe(true);
      delaysMs.push(delayMs);
    }
    expect(new Set(delaysMs).size).toBeGreaterThan(1); // jitter drawn per request
  });

  it('reset: the client gets ECONNRESET and nothing is written', async () => {
    engine.add({ target: { service: 'sentinel' }, effect: { kind: 'reset' } });
    const res = await rawRequest(`${server.url}/kv/k`);
    expect(res).toMatchObject({ ok: false, code: 'ECONNRESET' });
    expect(lastEntry()).toMatchObject({ outcome: 'reset', status: 0, faultKind: 'reset' });
  });

  it('hang: the request is held until the rule is removed, then the client fails', async () => {
    const rule = engine.add({ target: { service: 'sentinel', operation: 'GetValue' }, effect: { kind: 'hang' } });
    const before = journal.total();
    const pending = track(rawRequest(`${server.url}/kv/k`));
    await waitFor('the hang to hold the request', () => engine.get(rule.id)?.applied === 1);
    clock.advance(200);
    await roundTrip();
    expect(pending.settled()).toBe(false);
    expect(journal.total()).toBe(before + 1); // only the round trip: the held request is not answered
    engine.remove(rule.id);
    const res = await pending.promise;
    expect(res.ok).toBe(false);
    expect(lastEntry()).toMatchObject({ outcome: 'hung', status: 0, faultRuleId: rule.id, durationMs: 200 });
  });

  it('hang: released when the client goes away', async () => {
    const rule = engine.add({ target: { service: 'sentinel' }, effect: { kind: 'hang' } });
    const before = journal.total();
    const controller = new AbortController();
    const pending = rawRequest(`${server.url}/kv/k`, { signal: controller.signal });
    await waitFor('the hang to hold the request', () => engine.get(rule.id)?.applied === 1);
    controller.abort();
    expect((await pending).ok).toBe(false);
    await waitFor('the released request to be journaled', () => journal.total() === before + 1);
    expect(lastEntry()).toMatchObject({ outcome: 'hung', faultRuleId: rule.id });
    expect(engine.has(rule.id)).toBe(true);
  });

  it('truncate_body: full Content-Length announced, short body, client error', async () => {
    engine.add({ target: { service: 'sentinel' }, effect: { kind: 'truncate_body', keepBytes: 100 } });
    const res = await rawRequest(`${server.url}/kv/k`);
    expect(res.ok).toBe(false);
    expect(res).toMatchObject({ status: 200 }); // headers arrived, the body did not
    expect(lastEntry()).toMatchObject({ outcome: 'truncated', status: 200, bytesOut: 100 });
  });

  it('truncate_body with keepBytes 0: headers only, then the connection closes', async () => {
    engine.add({ target: { service: 'sentinel' }, effect: { kind: 'truncate_body', keepBytes: 0 } });
    const res = await rawRequest(`${server.url}/kv/k`);
    expect(res).toMatchObject({ ok: false, status: 200 });
    expect(lastEntry()).toMatchObject({ outcome: 'truncated', bytesOut: 0 });
  });

  it('commit_then_fail: state committed, then 503 (default) for the client', async () => {
    engine.add({
      target: { service: 'sentinel', operation: 'PutValue' },
      effect: { kind: 'commit_then_fail', retryAfterSeconds: 1 },
    });
    const res = await rawRequest(`${server.url}/kv/committed`, { method: 'PUT', body: 'v1' });
    expect(res.ok && res.status).toBe(503);
    if (res.ok) expect(res.headers['retry-after']).toBe('1');
    expect(service.store.get('committed')?.toString()).toBe('v1');
    expect(lastEntry()).toMatchObject({ status: 503, faultKind: 'commit_then_fail' });
  });

  it('commit_then_fail with reset: state committed, then the connection is reset', async () => {
    engine.add({
      target: { service: 'sentinel', operation: 'PutValue' },
      effect: { kind: 'commit_then_fail', reset: true },
    });
    const res = await rawRequest(`${server.url}/kv/committed2`, { method: 'PUT', body: 'v2' });
    expect(res).toMatchObject({ ok: false, code: 'ECONNRESET' });
    expect(service.store.get('committed2')?.toString()).toBe('v2');
    expect(lastEntry()).toMatchObject({ outcome: 'reset', faultKind: 'commit_then_fail' });
  });
});

describe('lifecycle and TLS', () => {
  let certs: RunCertificates;
  beforeAll(async () => {
    certs = await createRunCertificates();
  });
  afterAll(() => certs.dispose());

  it('serves https with the run certificate, trusted through its CA only', async () => {
    await using secure = await startFakeServer({
      definition: service,
      engine,
      journal,
      clock,
      tls: { cert: certs.certPem, key: certs.keyPem },
    });
    expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const trusted = await rawRequest(`${secure.url}/kv/k`, { ca: certs.caCertPem });
    expect(trusted.ok && trusted.status).toBe(200);
    const untrusted = await rawRequest(`${secure.url}/kv/k`);
    expect(untrusted.ok).toBe(false);
    engine.add({ target: { service: 'sentinel' }, effect: { kind: 'reset' } });
    expect(await rawRequest(`${secure.url}/kv/k`, { ca: certs.caCertPem })).toMatchObject({
      ok: false,
      code: 'ECONNRESET',
    });
  });

  it('stop() releases hung requests, closes the port and is idempotent', async () => {
    const localEngine = new FaultEngine({ clock });
    const local = await startFakeServer({ definition: service, engine: localEngine, journal, clock });
    localEngine.add({ target: { service: 'sentinel' }, effect: { kind: 'hang' } });
    const pending = rawRequest(`${local.url}/kv/k`);
    await waitFor('the hang', () => localEngine.list()[0]!.applied === 1);
    await Promise.all([local.stop(), local.stop()]);
    expect((await pending).ok).toBe(false);
    const after = await rawRequest(`${local.url}/kv/k`);
    expect(after).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    await local.stop();
  });
});
