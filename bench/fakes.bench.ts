/**
 * The fakes' overhead, measured in one run on this machine:
 *
 *   S3 GetObject / PutObject of 1 KiB ─▶ (a) the S3 fake (startFakes: full plumbing, fault engine,
 *     journal), (b) a bare node:http server that does no work, (c) s3rver 3.7.1, (d) moto in server
 *     mode. The requests are signed once per round by @aws-sdk/client-s3 and replayed by a separate
 *     load-generator process over raw keep-alive sockets, which costs far less per request than any
 *     of the servers; the bare server's rate shows how far the generator can go.
 *   Logs Ingestion: ~1 MB gzip batches over https from this process against the Sentinel fake vs a
 *     bare https server that gunzips and discards.
 *
 * Every server runs in its own process (its own event loop). The machine is small and shared, so
 * the cases are measured in interleaved short rounds (the order rotates each round) and each case
 * reports its median round; the note shows the spread over rounds and the CPU each side used.
 * Targets: S3 GET >= 0.5x the bare server, >= 1x s3rver, >= 3x moto; ingestion >= 50 MB/s.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { BenchResult, BenchRow } from './bench-result.js';
import { buildBatches, type IngestStats, measureIngest } from './ingest-load.js';
import type { LoadOptions } from './measure-load.js';
import { MotoNotInstalledError } from './moto-host.js';
import { required } from './required.js';
import { medianRound } from './round-median.js';
import { measureS3, type S3Op, type S3RoundStats } from './s3-load.js';
import { reportS3Op } from './s3-report.js';
import { S3_TARGETS, type S3Kind, startS3Target } from './s3-targets.js';
import type { BenchHost } from './spawn-bench-host.js';
import { spawnLoadGenerator } from './spawn-load-generator.js';

const ROUNDS = 5;
const S3_LOAD: LoadOptions = { concurrency: 16, warmupMs: 200, durationMs: 1_000, maxRequests: 100_000 };
const INGEST_LOAD: LoadOptions = { concurrency: 4, warmupMs: 200, durationMs: 1_200, maxRequests: 2_000 };
const INGEST_TARGETS: readonly { kind: S3Kind; label: string }[] = [
  { kind: 'fakes', label: 'Sentinel fake' },
  { kind: 'bare', label: 'bare https gunzip' },
];
const S3_OPS: readonly S3Op[] = ['get', 'put'];

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`;
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');

/** `targets` rotated left by `by`, so no server always runs first or right after a given one. */
const rotate = <T>(targets: readonly T[], by: number): T[] => [
  ...targets.slice(by % targets.length),
  ...targets.slice(0, by % targets.length),
];

export async function run(): Promise<BenchResult> {
  const hosts = new Map<S3Kind, BenchHost>();
  const unavailable = new Map<S3Kind, string>();
  const s3Rounds = new Map<string, S3RoundStats[]>();
  const ingestRounds = new Map<S3Kind, IngestStats[]>();
  const [loadAtStart = 0] = loadavg();
  const batches = buildBatches(4);
  const generator = spawnLoadGenerator();
  try {
    for (const target of S3_TARGETS) {
      try {
        hosts.set(target.kind, await startS3Target(target.kind));
      } catch (error) {
        const message = (error as Error).message.split('\n')[0] ?? '';
        unavailable.set(target.kind, error instanceof MotoNotInstalledError ? message : `not measured: ${message}`);
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of rotate(S3_TARGETS, round)) {
        const host = hosts.get(target.kind);
        if (!host) continue;
        for (const op of S3_OPS) {
          const key = `${target.kind}/${op}`;
          s3Rounds.set(key, [...(s3Rounds.get(key) ?? []), await measureS3(generator, host, op, S3_LOAD)]);
        }
        if (INGEST_TARGETS.some((t) => t.kind === target.kind)) {
          const stats = await measureIngest(
            required(host.info.ingest, 'the ingestion endpoint'),
            required(host.info.caCertPath, 'the CA certificate'),
            batches,
            INGEST_LOAD,
          );
          ingestRounds.set(target.kind, [...(ingestRounds.get(target.kind) ?? []), stats]);
        }
      }
    }
  } finally {
    await generator.stop();
    await Promise.all([...hosts.values()].map((host) => host.stop()));
  }

  const rows: BenchRow[] = [];
  const summary: string[] = [];
  for (const op of S3_OPS) {
    const byKind = new Map(S3_TARGETS.map((t) => [t.kind, s3Rounds.get(`${t.kind}/${op}`) ?? []]));
    const report = reportS3Op(op, S3_TARGETS, byKind, unavailable);
    rows.push(...report.rows);
    summary.push(...report.summary);
  }

  const ingestMedian = new Map<S3Kind, IngestStats>();
  for (const target of INGEST_TARGETS) {
    const rounds = ingestRounds.get(target.kind);
    if (!rounds) continue;
    const { stats, spread, errors, firstError } = medianRound(rounds);
    ingestMedian.set(target.kind, stats);
    rows.push({
      name: `Logs Ingestion 1 MB gzip batch · ${target.label}`,
      requests: stats.requests,
      errors,
      rps: stats.rps,
      p50Ms: stats.p50Ms,
      p99Ms: stats.p99Ms,
      mbPerSec: stats.mbPerSec,
      note: firstError?.slice(0, 80) ?? spread,
    });
  }
  const [fakeIngest, bareIngest] = [ingestMedian.get('fakes'), ingestMedian.get('bare')];
  const gzipKb = (batches.reduce((s, b) => s + b.tailGzipped.length, 0) / batches.length / 1_024).toFixed(0);
  summary.push(
    `ingestion MB/s (uncompressed JSON accepted with 204; ` +
      `batches ${(required(batches[0], 'a batch').uncompressedBytes / 1e6).toFixed(2)} MB, ` +
      `~${gzipKb} KiB gzipped, every body distinct): fake/bare = ${ratio(fakeIngest?.mbPerSec, bareIngest?.mbPerSec)}`,
  );
  if (fakeIngest)
    summary.push(
      `target ingestion >= 50 MB/s: ${verdict(fakeIngest.mbPerSec >= 50)} (${fakeIngest.mbPerSec.toFixed(1)} MB/s)`,
    );
  summary.push(
    `load: ${ROUNDS} interleaved rounds; S3 from a separate generator process, ${S3_LOAD.concurrency} keep-alive ` +
      `connections for ${S3_LOAD.durationMs} ms; ingestion from this process, ${INGEST_LOAD.concurrency} in flight ` +
      `for ${INGEST_LOAD.durationMs} ms; each after ${S3_LOAD.warmupMs} ms warm-up`,
  );
  // The machine is shared: other jobs' load moves req/s, so the output says how busy it was.
  const [loadAtEnd = 0] = loadavg();
  summary.push(
    `machine: ${availableParallelism()} cores, 1-min load average ${loadAtStart.toFixed(2)} at start, ` +
      `${loadAtEnd.toFixed(2)} at end`,
  );
  return { title: 'Fakes overhead (S3 and Logs Ingestion)', rows, summary };
}
