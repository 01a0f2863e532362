/**
 * Latency accuracy through Toxiproxy, measured by a real SDK client:
 *
 *   @aws-sdk/client-s3 GetObject (1 KiB, keep-alive, sequential) ─▶ Toxiproxy proxy ─▶ S3 fake
 *
 * Cases, all in one run on loopback: the fake directly, the proxy with no toxic (Toxiproxy's own
 * baseline), then downstream latency of 50 ms and 200 ms, each with and without jitter. Each
 * latency case reports the observed p50/p99 and the delay it added over the no-toxic baseline.
 * Request counts are bounded (the whole module takes ~25 s).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startFakes } from '../fakes/index.js';
import { startNetworkFaults } from '../harness/network/index.js';
import { ToxiproxyNotInstalledError } from '../harness/network/toxiproxy-binary.js';
import type { BenchResult, BenchRow } from './bench-result.js';
import { required } from './required.js';

const BUCKET = 'bench-net';
const KEY = 'one-kib.log';
const WARMUP_REQUESTS = 5;
const BASELINE_REQUESTS = 200;
const LATENCY_CASES = [
  { latencyMs: 50, jitterMs: 0, requests: 60 },
  { latencyMs: 50, jitterMs: 10, requests: 60 },
  { latencyMs: 200, jitterMs: 0, requests: 40 },
  { latencyMs: 200, jitterMs: 50, requests: 40 },
] as const;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(client: S3Client, requests: number): Promise<{ p50: number; p99: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < WARMUP_REQUESTS + requests; i++) {
    const started = performance.now();
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
      await required(response.Body, 'the response body').transformToByteArray();
      if (i >= WARMUP_REQUESTS) times.push(performance.now() - started);
    } catch {
      if (i >= WARMUP_REQUESTS) errors += 1;
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

function client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIACHAOSFAKE0000000', secretAccessKey: 'chaos-fake-secret-access-key' },
    maxAttempts: 1,
  });
}

export async function run(): Promise<BenchResult> {
  const title = 'Toxiproxy latency accuracy (S3 GetObject 1 KiB, @aws-sdk/client-s3, loopback)';
  await using fakes = await startFakes({ seed: 1 });
  fakes.s3.createBucket(BUCKET);
  fakes.s3.putObject(BUCKET, KEY, Buffer.alloc(1_024, 'b'));
  let network: Awaited<ReturnType<typeof startNetworkFaults>>;
  try {
    network = await startNetworkFaults({ services: ['s3'], endpoints: fakes.endpoints, timeScale: 1, seed: 1 });
  } catch (error) {
    if (error instanceof ToxiproxyNotInstalledError) return { title, rows: [], skipped: error.message };
    throw error;
  }
  await using _network = network;
  const direct = client(fakes.endpoints.s3);
  const proxied = client(network.endpoints.s3);
  try {
    const rows: BenchRow[] = [];
    const summary: string[] = [];
    const directStats = await measure(direct, BASELINE_REQUESTS);
    rows.push({
      name: 'direct to the S3 fake (no proxy)',
      requests: BASELINE_REQUESTS,
      errors: directStats.errors,
      p50Ms: directStats.p50,
      p99Ms: directStats.p99,
    });
    const baseline = await measure(proxied, BASELINE_REQUESTS);
    rows.push({
      name: 'via Toxiproxy, no toxic (baseline)',
      requests: BASELINE_REQUESTS,
      errors: baseline.errors,
      p50Ms: baseline.p50,
      p99Ms: baseline.p99,
      note: `proxy overhead p50 +${(baseline.p50 - directStats.p50).toFixed(2)} ms`,
    });
    for (const c of LATENCY_CASES) {
      const id = `bench-${c.latencyMs}-${c.jitterMs}`;
      await network.inject({
        id,
        service: 's3',
        toxic: 'latency',
        attributes: { latency: c.latencyMs, jitter: c.jitterMs },
      });
      const stats = await measure(proxied, c.requests);
      await network.clear(id);
      const addedP50 = stats.p50 - baseline.p50;
      const addedP99 = stats.p99 - baseline.p99;
      const requested = c.jitterMs ? `${c.latencyMs}±${c.jitterMs} ms` : `${c.latencyMs} ms`;
      rows.push({
        name: `via Toxiproxy, latency ${requested}`,
        requests: c.requests,
        errors: stats.errors,
        p50Ms: stats.p50,
        p99Ms: stats.p99,
        note: `added over baseline: p50 +${addedP50.toFixed(1)} ms, p99 +${addedP99.toFixed(1)} ms`,
      });
      const bound = c.latencyMs + c.jitterMs;
      summary.push(
        `latency ${requested}: p50 added ${addedP50.toFixed(1)} ms ` +
          `(error ${(addedP50 - c.latencyMs).toFixed(1)} ms), ` +
          `p99 ${stats.p99.toFixed(1)} ms vs requested upper bound ${bound} ms + ` +
          `baseline p99 ${baseline.p99.toFixed(1)} ms`,
      );
    }
    return { title, rows, summary };
  } finally {
    direct.destroy();
    proxied.destroy();
  }
}
