/**
 * Partition and restore (S3 over http, Key Vault over https with TLS passing through the proxy),
 * time scaling of latency, the event stream, and the API's refusals.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidNetworkFaultError } from '../../harness/network/index.js';
import {
  BUCKET,
  getObject,
  httpsStatus,
  median,
  type NetworkFixture,
  s3Client,
  startNetworkFixture,
} from './helpers/network-fixture.js';

let fx: NetworkFixture;
beforeAll(async () => {
  fx = await startNetworkFixture();
  fx.fakes.s3.putObject(BUCKET, 'a.log', 'hello');
});
afterAll(async () => {
  await fx?.stop();
});
afterEach(async () => {
  for (const spec of fx.network.active()) await fx.network.clear(spec.id);
});

const vaultStatus = (): Promise<string> =>
  httpsStatus(`${fx.network.endpoints.keyVault}/secrets/any?api-version=7.5`, fx.fakes.caCertPem);

describe('partition', () => {
  it('refuses every connection to the service until cleared, then serves on the same address', async () => {
    const client = s3Client(fx.network.endpoints.s3);
    expect((await getObject(client, 'a.log')).ok).toBe(true);
    const before = fx.fakes.journal.query({ service: 's3' }).length;

    await fx.network.inject({ id: 's3-down', service: 's3', toxic: 'partition' });
    const cut = await getObject(client, 'a.log');
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.error).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
    expect(fx.fakes.journal.query({ service: 's3' }).length).toBe(before);

    await fx.network.clear('s3-down');
    expect(await getObject(client, 'a.log')).toMatchObject({ ok: true, bytes: 5 });
    client.destroy();
  });

  it('passes TLS through: the vault answers its challenge through the proxy, and not while partitioned', async () => {
    // 401 is the Key Vault challenge: the TLS handshake through the proxy verified against the run's CA.
    expect(await vaultStatus()).toBe('401');
    await fx.network.inject({ id: 'kv-a', service: 'keyvault', toxic: 'partition' });
    await fx.network.inject({ id: 'kv-b', service: 'keyvault', toxic: 'partition' });
    expect(await vaultStatus()).toBe('ECONNREFUSED');
    await fx.network.clear('kv-a');
    // The other partition still holds.
    expect(await vaultStatus()).toBe('ECONNREFUSED');
    await fx.network.clear('kv-b');
    expect(await vaultStatus()).toBe('401');
  });

  it('leaves other services reachable', async () => {
    await fx.network.inject({ id: 'kv-only', service: 'keyvault', toxic: 'partition' });
    const client = s3Client(fx.network.endpoints.s3);
    expect((await getObject(client, 'a.log')).ok).toBe(true);
    client.destroy();
  });
});

describe('events and bookkeeping', () => {
  it('emits network:injected and network:cleared with timestamps, the spec, and what was sent', async () => {
    const from = fx.events.length;
    const t0 = Date.now();
    await fx.network.inject({
      id: 'ev',
      service: 's3',
      toxic: 'latency',
      direction: 'upstream',
      toxicity: 0.9,
      attributes: { latency: 50 },
    });
    expect(fx.network.active().map((s) => s.id)).toEqual(['ev']);
    await fx.network.clear('ev');
    expect(fx.network.active()).toEqual([]);
    const [injected, cleared] = fx.events.slice(from);
    expect(injected).toMatchObject({
      type: 'network:injected',
      id: 'ev',
      service: 's3',
      toxic: 'latency',
      description: 'latency upstream latency=50 toxicity=0.9 on s3',
      sent: { name: 'ev', type: 'latency', stream: 'upstream', toxicity: 0.9, attributes: { latency: 50 } },
    });
    expect(cleared).toMatchObject({ type: 'network:cleared', id: 'ev', service: 's3', toxic: 'latency' });
    expect(injected!.atMs).toBeGreaterThanOrEqual(t0);
    expect(cleared!.atMs).toBeGreaterThanOrEqual(injected!.atMs);
  });

  it(
    'rejects an invalid spec naming the attribute and a duplicate id; ' +
      'clearing an id that is not active does nothing',
    async () => {
      const bad = fx.network.inject({ id: 'bad', service: 's3', toxic: 'latency', attributes: { latency: -5 } });
      await expect(bad).rejects.toBeInstanceOf(InvalidNetworkFaultError);
      await expect(bad).rejects.toThrow(/attributes\.latency: must be a finite number >= 0/);
      await expect(fx.network.inject({ id: 'x', service: 'sentinel', toxic: 'partition' })).rejects.toThrow(
        /"sentinel" has no proxy in this run/,
      );
      await fx.network.inject({ id: 'dup', service: 's3', toxic: 'bandwidth', attributes: { rate: 1_000 } });
      await expect(fx.network.inject({ id: 'dup', service: 's3', toxic: 'partition' })).rejects.toThrow(
        /"dup" is already active/,
      );
      const events = fx.events.length;
      await fx.network.clear('nope');
      expect(fx.events.length).toBe(events);
      expect(fx.network.active().map((s) => s.id)).toEqual(['dup']);
    },
  );
});

describe('time scaling', () => {
  it('divides latency by the time scale: 1_200 target ms at scale 4 adds 300 wall ms (+150 ms)', async () => {
    const scaled = await startNetworkFixture(4);
    try {
      scaled.fakes.s3.putObject(BUCKET, 'a.log', 'hello');
      const gets = async (): Promise<number[]> => {
        const client = s3Client(scaled.network.endpoints.s3);
        const times: number[] = [];
        expect((await getObject(client, 'a.log')).ok).toBe(true); // warm-up, not timed
        for (let i = 0; i < 7; i++) {
          const outcome = await getObject(client, 'a.log');
          expect(outcome.ok).toBe(true);
          times.push(outcome.elapsedMs);
        }
        client.destroy();
        return times;
      };
      const baseline = await gets();
      await scaled.network.inject({ id: 'slow', service: 's3', toxic: 'latency', attributes: { latency: 1_200 } });
      const delayed = await gets();
      expect(scaled.events.at(-1)).toMatchObject({ type: 'network:injected', sent: { attributes: { latency: 300 } } });
      // Latency is a floor on every response: even the fastest delayed GET took the scaled 300 ms
      // (a noisy baseline cannot blur that); and the typical one is well under the unscaled 1_200 ms.
      expect(Math.min(...delayed)).toBeGreaterThanOrEqual(300);
      expect(median(delayed) - median(baseline)).toBeLessThanOrEqual(300 + 150);
    } finally {
      await scaled.stop();
    }
  });
});
