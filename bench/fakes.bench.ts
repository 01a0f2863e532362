/**
 * The fakes' overhead, measured in one run on this machine:
 *
 *   S3 GetObject / PutObject of 1 KiB with @aws-sdk/client-s3 against
 *     (a) the S3 fake (startFakes: full plumbing, fault engine, journal), (b) a bare node:http server
 *     that does no work, (c) s3rver 3.7.1;
 *   Logs Ingestion: ~1 MB gzip batches over https against the Sentinel fake vs a bare https server
 *     that gunzips and discards.
 *
 * Every server runs in its own child process (its own event loop); the client runs here. The
 * machine is small and shared, so targets are measured in interleaved short rounds and each case
 * reports its median round (the spread of req/s over rounds is shown as a note).
 * Targets (issue 2): S3 GET >= 0.5x the bare server and faster than s3rver; ingestion >= 50 MB/s.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { BenchResult, BenchRow } from './bench-result.js';
import { BENCH_BUCKET, BENCH_CREDENTIALS, BENCH_KEY, BENCH_REGION, OBJECT_1K } from './bench-target.js';
import { buildBatches, type IngestStats, measureIngest } from './ingest-load.js';
import { type LoadOptions, type LoadStats, measureLoad } from './measure-load.js';
import { type BenchHost, spawnBenchHost } from './spawn-bench-host.js';

const ROUNDS = 5;
const S3_LOAD: LoadOptions = { concurrency: 8, warmupMs: 200, durationMs: 1_000, maxRequests: 100_000 };
const INGEST_LOAD: LoadOptions = { concurrency: 4, warmupMs: 200, durationMs: 1_200, maxRequests: 2_000 };
const TARGETS = [
  { kind: 'fakes', s3: 'S3 fake', ingest: 'Sentinel fake' },
  { kind: 'bare', s3: 'bare node:http', ingest: 'bare https gunzip' },
  { kind: 's3rver', s3: 's3rver 3.7.1', ingest: undefined },
] as const;
type Kind = (typeof TARGETS)[number]['kind'];
type Case = 'get' | 'put' | 'ingest';

function s3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: BENCH_REGION, credentials: BENCH_CREDENTIALS, maxAttempts: 1 });
}

function s3Load(client: S3Client, op: 'get' | 'put'): Promise<LoadStats> {
  if (op === 'put') {
    let n = 0;
    return measureLoad(async () => {
      await client.send(new PutObjectCommand({ Bucket: BENCH_BUCKET, Key: `put-${n++ % 16}`, Body: OBJECT_1K }));
    }, S3_LOAD);
  }
  return measureLoad(async () => {
    const response = await client.send(new GetObjectCommand({ Bucket: BENCH_BUCKET, Key: BENCH_KEY }));
    const body = await response.Body!.transformToByteArray();
    if (body.length !== OBJECT_1K.length) throw new Error(`GetObject returned ${body.length} bytes`);
  }, S3_LOAD);
}

function throughput(stats: LoadStats | IngestStats): number {
  return 'mbPerSec' in stats ? stats.mbPerSec : stats.rps;
}

/** The round with the median throughput, plus the min–max spread over rounds. */
function medianRound<T extends LoadStats>(rounds: readonly T[]): { stats: T; spread: string } {
  const sorted = [...rounds].sort((a, b) => throughput(a) - throughput(b));
  const unit = 'mbPerSec' in sorted[0]! ? 'MB/s' : 'req/s';
  return {
    stats: sorted[Math.floor(sorted.length / 2)]!,
    spread: `${ROUNDS} rounds ${throughput(sorted[0]!).toFixed(0)}–${throughput(sorted.at(-1)!).toFixed(0)} ${unit}`,
  };
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`;
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');

export async function run(): Promise<BenchResult> {
  const summary: string[] = [];
  const hosts = new Map<Kind, { host: BenchHost; client: S3Client }>();
  const results = new Map<string, LoadStats[]>();
  const push = (kind: Kind, c: Case, stats: LoadStats) =>
    results.set(`${kind}/${c}`, [...(results.get(`${kind}/${c}`) ?? []), stats]);
  const batches = buildBatches(4);
  try {
    for (const target of TARGETS) {
      try {
        const host = await spawnBenchHost(target.kind);
        const client = s3Client(host.info.s3!);
        hosts.set(target.kind, { host, client });
        // Seed through the client, so every target (s3rver included) serves the same object.
        await client.send(new PutObjectCommand({ Bucket: BENCH_BUCKET, Key: BENCH_KEY, Body: OBJECT_1K }));
      } catch (error) {
        summary.push(`${target.s3}: not measured (${(error as Error).message.split('\n')[0]})`);
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of TARGETS) {
        const started = hosts.get(target.kind);
        if (!started) continue;
        push(target.kind, 'get', await s3Load(started.client, 'get'));
        push(target.kind, 'put', await s3Load(started.client, 'put'));
        if (target.ingest)
          push(
            target.kind,
            'ingest',
            await measureIngest(started.host.info.ingest!, started.host.info.caCertPath!, batches, INGEST_LOAD),
          );
      }
    }
  } finally {
    for (const { host, client } of hosts.values()) {
      client.destroy();
      await host.stop();
    }
  }

  const rows: BenchRow[] = [];
  const median = new Map<string, LoadStats>();
  const cases: { c: Case; label: string }[] = [
    { c: 'get', label: 'S3 GetObject 1 KiB' },
    { c: 'put', label: 'S3 PutObject 1 KiB' },
    { c: 'ingest', label: 'Logs Ingestion 1 MB gzip batch' },
  ];
  for (const { c, label } of cases) {
    for (const target of TARGETS) {
      const rounds = results.get(`${target.kind}/${c}`);
      if (!rounds) continue;
      const { stats, spread } = medianRound(rounds);
      median.set(`${target.kind}/${c}`, stats);
      rows.push({
        name: `${label} · ${c === 'ingest' ? target.ingest : target.s3}`,
        requests: stats.requests,
        errors: rounds.reduce((sum, r) => sum + r.errors, 0),
        rps: stats.rps,
        p50Ms: stats.p50Ms,
        p99Ms: stats.p99Ms,
        ...('mbPerSec' in stats && { mbPerSec: (stats as IngestStats).mbPerSec }),
        note: rounds.find((r) => r.firstError)?.firstError?.slice(0, 80) ?? spread,
      });
    }
  }
  const get = (kind: Kind, c: Case) => median.get(`${kind}/${c}`);
  for (const c of ['get', 'put'] as const) {
    summary.push(
      `S3 ${c === 'get' ? 'GetObject' : 'PutObject'} req/s: fake/bare = ${ratio(get('fakes', c)?.rps, get('bare', c)?.rps)}, fake/s3rver = ${ratio(get('fakes', c)?.rps, get('s3rver', c)?.rps)}`,
    );
  }
  const [fakeGet, bareGet, s3rverGet] = [get('fakes', 'get'), get('bare', 'get'), get('s3rver', 'get')];
  if (fakeGet && bareGet && s3rverGet) {
    summary.push(
      `target S3 GET >= 0.5x bare and faster than s3rver: ${verdict(fakeGet.rps >= 0.5 * bareGet.rps && fakeGet.rps > s3rverGet.rps)}`,
    );
  }
  const fakeIngest = get('fakes', 'ingest') as IngestStats | undefined;
  const bareIngest = get('bare', 'ingest') as IngestStats | undefined;
  const gzipKb = (batches.reduce((s, b) => s + b.tailGzipped.length, 0) / batches.length / 1_024).toFixed(0);
  summary.push(
    `ingestion MB/s (uncompressed JSON accepted with 204; batches ${(batches[0]!.uncompressedBytes / 1e6).toFixed(2)} MB, ~${gzipKb} KiB gzipped, every body distinct): fake/bare = ${ratio(fakeIngest?.mbPerSec, bareIngest?.mbPerSec)}`,
  );
  if (fakeIngest)
    summary.push(
      `target ingestion >= 50 MB/s: ${verdict(fakeIngest.mbPerSec >= 50)} (${fakeIngest.mbPerSec.toFixed(1)} MB/s)`,
    );
  summary.push(
    `load: ${ROUNDS} interleaved rounds; S3 ${S3_LOAD.concurrency} in flight for ${S3_LOAD.durationMs} ms, ingestion ${INGEST_LOAD.concurrency} in flight for ${INGEST_LOAD.durationMs} ms, each after ${S3_LOAD.warmupMs} ms warm-up`,
  );
  return { title: 'Fakes overhead (S3 and Logs Ingestion)', rows, summary };
}
