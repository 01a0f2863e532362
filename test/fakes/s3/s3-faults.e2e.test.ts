/**
 * Fault effects on the S3 fake as real clients observe them (boto3 retry modes, JS timeouts).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Clock, ManualClock } from '../../../fakes/core/clock.js';
import { runBoto3 } from './run-boto3.js';
import { type StartedS3, startS3, waitFor } from './start-s3.js';

const started: StartedS3[] = [];
const clients: S3Client[] = [];

async function setup(seed = 1, clock?: Clock) {
  const fake = await startS3({ seed, ...(clock && { clock }) });
  started.push(fake);
  fake.store.putObject('bkt', 'obj.txt', 'payload');
  const jsClient = (maxAttempts = 3) => {
    const client = new S3Client({
      endpoint: fake.url,
      region: 'us-east-1',
      maxAttempts,
      credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
    });
    clients.push(client);
    return client;
  };
  return { fake, jsClient };
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

const slowDown = {
  target: { service: 's3', operation: 'GetObject' },
  effect: { kind: 'http_error', status: 503 },
} as const;

describe('503 SlowDown to boto3', () => {
  it('is retried 5 times in legacy mode (the default)', async () => {
    const { fake } = await setup();
    fake.engine.add(slowDown);
    const result = await runBoto3(['get', '--bucket', 'bkt', '--key', 'obj.txt'], { endpoint: fake.url });
    expect(result.error).toMatchObject({ code: 'SlowDown', status: 503, retryAttempts: 4 });
    const entries = fake.journal.query({ service: 's3', operation: 'GetObject' });
    expect(entries.map((e) => e.status)).toEqual([503, 503, 503, 503, 503]);
    expect(entries.every((e) => e.faultKind === 'http_error')).toBe(true);
  });

  it('is retried 3 times with AWS_RETRY_MODE=standard, and then succeeds once the rule is gone', async () => {
    const { fake } = await setup();
    const rule = fake.engine.add(slowDown);
    const result = await runBoto3(['get', '--bucket', 'bkt', '--key', 'obj.txt'], {
      endpoint: fake.url,
      extra: { AWS_RETRY_MODE: 'standard' },
    });
    expect(result.error).toMatchObject({ code: 'SlowDown', status: 503 });
    expect(fake.journal.query({ operation: 'GetObject', status: 503 })).toHaveLength(3);
    fake.engine.remove(rule.id);
    expect(
      await runBoto3(['get', '--bucket', 'bkt', '--key', 'obj.txt'], {
        endpoint: fake.url,
        extra: { AWS_RETRY_MODE: 'standard' },
      }),
    ).toMatchObject({ ok: true, body: 'payload' });
  });
});

describe('connection faults', () => {
  it('reset: boto3 (standard) fails after 3 attempts, the JS client after 3', async () => {
    const { fake, jsClient } = await setup();
    fake.engine.add({ target: { service: 's3', operation: 'GetObject' }, effect: { kind: 'reset' } });
    const boto = await runBoto3(['get', '--bucket', 'bkt', '--key', 'obj.txt'], {
      endpoint: fake.url,
      extra: { AWS_RETRY_MODE: 'standard' },
    });
    expect(boto.ok).toBe(false);
    expect(boto.error.type).toMatch(/Connection|Endpoint|ProtocolError|ClosedError/);
    expect(fake.journal.query({ operation: 'GetObject' }).map((e) => e.outcome)).toEqual(['reset', 'reset', 'reset']);
    await expect(jsClient().send(new GetObjectCommand({ Bucket: 'bkt', Key: 'obj.txt' }))).rejects.toThrow();
    expect(fake.journal.query({ operation: 'GetObject' })).toHaveLength(6);
  });

  it('hang: the JS client fails through its abort signal and the journal records the held request', async () => {
    const { fake, jsClient } = await setup();
    const rule = fake.engine.add({ target: { service: 's3', operation: 'GetObject' }, effect: { kind: 'hang' } });
    const controller = new AbortController();
    const sent = jsClient().send(new GetObjectCommand({ Bucket: 'bkt', Key: 'obj.txt' }), {
      abortSignal: controller.signal,
    });
    await waitFor(() => fake.engine.get(rule.id)?.applied === 1, 'the hang to hold the request');
    controller.abort();
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    await waitFor(
      () => fake.journal.query({ operation: 'GetObject' }).length === 1,
      'the hung request to be journaled',
    );
    expect(fake.journal.query({ operation: 'GetObject' })[0]).toMatchObject({
      status: 0,
      outcome: 'hung',
      faultKind: 'hang',
    });
  });
});

describe('latency', () => {
  it('holds a GetObject for latencyMs on the fake clock, then the JS client gets the object', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const { fake, jsClient } = await setup(1, clock);
    fake.engine.add({ target: { service: 's3', operation: 'GetObject' }, effect: { kind: 'latency', latencyMs: 400 } });
    let settled = false;
    const got = jsClient(1)
      .send(new GetObjectCommand({ Bucket: 'bkt', Key: 'obj.txt' }))
      .then((r) => r.Body?.transformToString())
      .finally(() => {
        settled = true;
      });
    await waitFor(() => clock.pendingTimers() === 1, 'the latency to start');
    expect(clock.nextDueInMs()).toBe(400);
    clock.advance(399);
    expect(clock.pendingTimers()).toBe(1);
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await got).toBe('payload');
    expect(fake.journal.query({ operation: 'GetObject' })).toEqual([
      expect.objectContaining({ status: 200, faultKind: 'latency', durationMs: 400 }),
    ]);
  });
});

describe('seeded probability', () => {
  it('gives the same fault sequence on two runs with the same seed', async () => {
    const runOnce = async () => {
      const { fake, jsClient } = await setup(42);
      fake.engine.add({ id: 'flaky-get', ...slowDown, schedule: { kind: 'probability', p: 0.5 } });
      const client = jsClient(1);
      for (let i = 0; i < 24; i++) {
        await client.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'obj.txt' })).then(
          (r) => r.Body!.transformToString(),
          () => undefined,
        );
      }
      return fake.journal.query({ operation: 'GetObject' }).map((e) => e.status);
    };
    const first = await runOnce();
    const second = await runOnce();
    expect(first).toHaveLength(24);
    expect(first).toEqual(second);
    expect(new Set(first)).toEqual(new Set([200, 503]));
  });
});
