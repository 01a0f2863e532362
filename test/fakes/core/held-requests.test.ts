/**
 * `hang` and `blackhole` both hold a request without answering until released; they differ in when
 * they stall. `hang` acts on the request head and never reads the body, so an upload larger than the
 * socket buffers cannot finish sending. `blackhole` reads the whole body first, so the client's
 * request is fully sent and then met with silence.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { type StartedFakeServer, startFakeServer } from '../../../fakes/core/fake-server.js';
import { FaultEngine } from '../../../fakes/core/fault-engine.js';
import { Journal } from '../../../fakes/core/journal.js';
import { rawRequest, waitFor } from './helpers/raw-request.js';
import { createTinyService } from './helpers/tiny-service.js';
import { startUpload } from './helpers/upload.js';

/**
 * More than an unread connection can buffer: a receiver that never reads keeps its initial window
 * (tcp_rmem default 128 KiB, autotuning only grows it as data is read), and the sender's buffer is at
 * most tcp_wmem max (4 MiB here).
 */
const LARGE_BODY_BYTES = 16 * 1024 * 1024;
const largeBody = Buffer.alloc(LARGE_BODY_BYTES, 'x');

const clock = new ManualClock(1_000);
const engine = new FaultEngine({ clock });
const journal = new Journal();
let server: StartedFakeServer;

beforeAll(async () => {
  const definition = createTinyService();
  server = await startFakeServer({ definition, engine, journal, clock, maxBodyBytes: 2 * LARGE_BODY_BYTES });
});
afterAll(() => server.stop());
beforeEach(() => engine.clear());

/** A round trip through the same server: everything it received before is processed by then. */
async function roundTrip(): Promise<void> {
  const res = await rawRequest(`${server.url}/echo-query`);
  expect(res.ok && res.status).toBe(200);
}

describe('hang', () => {
  it('holds the request on its head: none of the body is read, the upload never finishes sending', async () => {
    const rule = engine.add({ target: { service: 'sentinel', operation: 'Unknown' }, effect: { kind: 'hang' } });
    const before = journal.total();
    const upload = startUpload(`${server.url}/kv/large`, largeBody);
    await waitFor('the hang to hold the request', () => engine.get(rule.id)?.applied === 1);
    await roundTrip();
    expect(upload.settled()).toBe(false);
    expect(journal.total()).toBe(before + 1); // only the round trip
    clock.advance(60_000);
    engine.remove(rule.id);
    const result = await upload.result;
    expect(result.status).toBeUndefined(); // no response, only a transport error
    expect(result.errorCode).toBeDefined();
    expect(result.bodySentFirst).toBe(false);
    expect(journal.query({ operation: 'Unknown' }).at(-1)).toMatchObject({
      outcome: 'hung',
      status: 0,
      faultKind: 'hang',
      bytesIn: 0,
      bytesOut: 0,
      durationMs: 60_000,
    });
  });
});

describe('blackhole', () => {
  it('reads the whole body, then never answers until the rule is removed', async () => {
    const rule = engine.add({ target: { service: 'sentinel', operation: 'Unknown' }, effect: { kind: 'blackhole' } });
    const before = journal.total();
    const upload = startUpload(`${server.url}/kv/large`, largeBody);
    // Fully sent means the fake kept reading; bytesIn below shows it read every byte.
    await waitFor('the whole body to be sent', () => upload.bodySent(), 30_000);
    await roundTrip();
    expect(upload.settled()).toBe(false); // fully sent, and silence
    expect(journal.total()).toBe(before + 1); // only the round trip: the held request is not journaled yet
    clock.advance(30_000);
    engine.remove(rule.id);
    const result = await upload.result;
    expect(result.status).toBeUndefined(); // no response, only a transport error
    expect(result.errorCode).toBeDefined();
    expect(result.bodySentFirst).toBe(true);
    const entries = journal.query({ sinceSeq: before, operation: 'Unknown' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      outcome: 'hung',
      status: 0,
      faultRuleId: rule.id,
      faultKind: 'blackhole',
      bytesIn: LARGE_BODY_BYTES,
      bytesOut: 0,
      durationMs: 30_000,
    });
  });

  it('is released when the client goes away, and journaled once with the body it read', async () => {
    const rule = engine.add({ target: { service: 'sentinel', operation: 'PutValue' }, effect: { kind: 'blackhole' } });
    const before = journal.total();
    const controller = new AbortController();
    const pending = rawRequest(`${server.url}/kv/small`, {
      method: 'PUT',
      body: 'twelve bytes',
      signal: controller.signal,
    });
    await waitFor('the blackhole to hold the request', () => engine.get(rule.id)?.applied === 1);
    await roundTrip();
    controller.abort();
    expect(await pending).toMatchObject({ ok: false });
    await waitFor('the released request to be journaled', () => journal.total() === before + 2);
    expect(journal.query({ sinceSeq: before, operation: 'PutValue' })).toEqual([
      expect.objectContaining({ outcome: 'hung', faultKind: 'blackhole', bytesIn: 12, status: 0 }),
    ]);
    expect(engine.has(rule.id)).toBe(true);
  });

  it('is released when the server stops', async () => {
    const localEngine = new FaultEngine({ clock });
    const local = await startFakeServer({ definition: createTinyService(), engine: localEngine, journal, clock });
    localEngine.add({ target: { service: 'sentinel' }, effect: { kind: 'blackhole' } });
    const upload = startUpload(`${local.url}/kv/x`, Buffer.from('payload'));
    await waitFor('the blackhole to hold the request', () => localEngine.list()[0]?.applied === 1);
    await local.stop();
    const result = await upload.result;
    expect(result.status).toBeUndefined();
    expect(result.errorCode).toBeDefined();
  });
});
