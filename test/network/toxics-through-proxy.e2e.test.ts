/**
 * Each toxic, observed by a real client (@aws-sdk/client-s3, or node:http where bytes and socket
 * events are what the toxic changes) through Toxiproxy against the real S3 fake. Timing checks
 * compare with a baseline measured in the same test and state their tolerance.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BUCKET,
  getObject,
  getUntilPeerCloses,
  median,
  type NetworkFixture,
  rawGet,
  s3Client,
  startNetworkFixture,
} from './helpers/network-fixture.js';

let fx: NetworkFixture;
const SMALL = 'small.log';
const MEDIUM = 'medium.log'; // 20 KiB
const LARGE = 'large.log'; // 100 KiB

beforeAll(async () => {
  fx = await startNetworkFixture();
  fx.fakes.s3.putObject(BUCKET, SMALL, 'hello');
  fx.fakes.s3.putObject(BUCKET, MEDIUM, Buffer.alloc(20 * 1024, 'm'));
  fx.fakes.s3.putObject(BUCKET, LARGE, Buffer.alloc(100 * 1024, 'l'));
});
afterAll(async () => {
  await fx?.stop();
});
afterEach(async () => {
  for (const spec of fx.network.active()) await fx.network.clear(spec.id);
});

const s3Requests = (): number => fx.fakes.journal.query({ service: 's3', operation: 'GetObject' }).length;
const rawUrl = (key: string): string => `${fx.network.endpoints.s3}/${BUCKET}/${key}`;

async function timedGets(n: number, key = SMALL): Promise<number[]> {
  const client = s3Client(fx.network.endpoints.s3);
  const times: number[] = [];
  try {
    // Not timed: the client's first call also resolves its configuration.
    expect((await getObject(client, key)).ok).toBe(true);
    for (let i = 0; i < n; i++) {
      const outcome = await getObject(client, key);
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      times.push(outcome.elapsedMs);
    }
  } finally {
    client.destroy();
  }
  return times;
}

describe('toxics observed by real clients through the proxy', () => {
  it('latency adds the requested delay to GetObject (-20/+150 ms over the same-run baseline)', async () => {
    const baseline = median(await timedGets(7));
    await fx.network.inject({ id: 'lat', service: 's3', toxic: 'latency', attributes: { latency: 300 } });
    const delayed = median(await timedGets(7));
    // Faster than requested is impossible; slower is allowed for a busy 2-core machine.
    expect(delayed - baseline).toBeGreaterThanOrEqual(300 - 20);
    expect(delayed - baseline).toBeLessThanOrEqual(300 + 150);
  });

  it('jitter spreads the delay within latency ± jitter', async () => {
    await fx.network.inject({ id: 'jit', service: 's3', toxic: 'latency', attributes: { latency: 200, jitter: 100 } });
    const times = await timedGets(12);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(100 - 10);
    // The upper bound is loose: a busy 2-core machine can add tens of ms to any request.
    expect(Math.max(...times)).toBeLessThanOrEqual(300 + 150);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(30);
  });

  it('bandwidth slows a 100 KiB body to about rate KB/s', async () => {
    const baseline = median(await timedGets(3, LARGE));
    await fx.network.inject({ id: 'bw', service: 's3', toxic: 'bandwidth', attributes: { rate: 100 } });
    const [slow] = await timedGets(1, LARGE);
    // 100 KiB at 100 KB/s is ~1 s; Toxiproxy's KB is 1000 bytes and it paces in 100 ms steps.
    expect(baseline).toBeLessThan(400);
    expect(slow!).toBeGreaterThanOrEqual(800);
    expect(slow!).toBeLessThanOrEqual(2_000);
  });

  it('slow_close holds the socket open after the body ends', async () => {
    const baseline = await getUntilPeerCloses(rawUrl(SMALL));
    await fx.network.inject({ id: 'sc', service: 's3', toxic: 'slow_close', attributes: { delay: 400 } });
    const slow = await getUntilPeerCloses(rawUrl(SMALL));
    expect(slow.bytes).toBe(baseline.bytes);
    expect(baseline.peerClosedMs - baseline.lastDataMs).toBeLessThan(200);
    expect(slow.peerClosedMs - slow.lastDataMs).toBeGreaterThanOrEqual(400 - 30);
  });

  it('timeout 0 downstream hangs the response: the fake answered, the client times out', async () => {
    await fx.network.inject({ id: 'hang', service: 's3', toxic: 'timeout', attributes: { timeout: 0 } });
    const before = s3Requests();
    const client = s3Client(fx.network.endpoints.s3, { requestTimeoutMs: 600 });
    const outcome = await getObject(client, SMALL);
    client.destroy();
    expect(outcome.ok).toBe(false);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(600 - 20);
    expect(s3Requests()).toBe(before + 1);
    await fx.network.clear('hang');
    expect((await timedGets(1)).length).toBe(1);
  });

  it('timeout 0 upstream hangs the request: the fake never sees it', async () => {
    await fx.network.inject({
      id: 'hang-up',
      service: 's3',
      toxic: 'timeout',
      direction: 'upstream',
      attributes: { timeout: 0 },
    });
    const before = s3Requests();
    const client = s3Client(fx.network.endpoints.s3, { requestTimeoutMs: 400 });
    const outcome = await getObject(client, SMALL);
    client.destroy();
    expect(outcome.ok).toBe(false);
    expect(s3Requests()).toBe(before);
  });

  it('timeout N closes the connection after N ms without data', async () => {
    await fx.network.inject({ id: 'to', service: 's3', toxic: 'timeout', attributes: { timeout: 300 } });
    const client = s3Client(fx.network.endpoints.s3, { requestTimeoutMs: 5_000 });
    const outcome = await getObject(client, SMALL);
    client.destroy();
    expect(outcome.ok).toBe(false);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(300 - 20);
    expect(outcome.elapsedMs).toBeLessThan(2_000);
  });

  it('reset_peer resets the connection (ECONNRESET)', async () => {
    await fx.network.inject({ id: 'rst', service: 's3', toxic: 'reset_peer', attributes: { timeout: 0 } });
    const client = s3Client(fx.network.endpoints.s3);
    const outcome = await getObject(client, SMALL);
    client.destroy();
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/ECONNRESET|socket hang up/);
  });

  it('toxicity applies a toxic to that share of connections', async () => {
    await fx.network.inject({
      id: 'half',
      service: 's3',
      toxic: 'reset_peer',
      toxicity: 0.5,
      attributes: { timeout: 0 },
    });
    let failed = 0;
    const n = 40;
    for (let i = 0; i < n; i++) {
      const client = s3Client(fx.network.endpoints.s3);
      if (!(await getObject(client, SMALL)).ok) failed += 1;
      client.destroy();
    }
    // Binomial(40, 0.5): 8..32 holds with probability > 0.9999.
    expect(failed).toBeGreaterThanOrEqual(8);
    expect(failed).toBeLessThanOrEqual(32);
  });

  it('slicer delivers the same body in many small chunks', async () => {
    const baseline = await rawGet(rawUrl(MEDIUM));
    await fx.network.inject({
      id: 'slice',
      service: 's3',
      toxic: 'slicer',
      attributes: { average_size: 64, size_variation: 16, delay: 200 },
    });
    const sliced = await rawGet(rawUrl(MEDIUM));
    expect(sliced.bytes).toBe(20 * 1024);
    expect(baseline.chunks).toBeLessThanOrEqual(4);
    expect(sliced.chunks).toBeGreaterThan(50);
  });

  it('limit_data cuts GetObject mid-body', async () => {
    await fx.network.inject({ id: 'cut', service: 's3', toxic: 'limit_data', attributes: { bytes: 4_000 } });
    const client = s3Client(fx.network.endpoints.s3);
    const outcome = await getObject(client, LARGE);
    client.destroy();
    expect(outcome.ok).toBe(false);
    const raw = await rawGet(rawUrl(LARGE)).catch((error: Error) => ({ error: error.message }));
    expect('bytes' in raw ? raw.bytes : 0).toBeLessThan(4_000);
  });
});
