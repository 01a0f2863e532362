/**
 * The S3 servers the fake is compared with, each in its own process: the fake (`startFakes()`), a
 * bare `node:http` server that does no work, s3rver, and moto in server mode. Each serves the same
 * 1 KiB object, seeded through the SDK so every server stores it its own way.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BENCH_BUCKET, BENCH_CREDENTIALS, BENCH_KEY, BENCH_REGION, OBJECT_1K } from './bench-target.js';
import { motoVersion, startMotoHost } from './moto-host.js';
import { required } from './required.js';
import { type BenchHost, spawnBenchHost } from './spawn-bench-host.js';

export type S3Kind = 'fakes' | 'bare' | 's3rver' | 'moto';

export interface S3Target {
  readonly kind: S3Kind;
  readonly label: string;
}

export const S3_TARGETS: readonly S3Target[] = [
  { kind: 'fakes', label: 'S3 fake' },
  { kind: 'bare', label: 'bare node:http' },
  { kind: 's3rver', label: 's3rver 3.7.1' },
  { kind: 'moto', label: `moto ${motoVersion()} server` },
];

export async function startS3Target(kind: S3Kind): Promise<BenchHost> {
  const host = kind === 'moto' ? await startMotoHost() : await spawnBenchHost(kind);
  const client = new S3Client({
    endpoint: required(host.info.s3, 'the S3 endpoint'),
    region: BENCH_REGION,
    credentials: BENCH_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await client.send(new PutObjectCommand({ Bucket: BENCH_BUCKET, Key: BENCH_KEY, Body: OBJECT_1K }));
    return host;
  } catch (error) {
    await host.stop();
    throw new Error(`Failed to seed ${BENCH_BUCKET}/${BENCH_KEY} on the ${kind} host: ${(error as Error).message}.`);
  } finally {
    client.destroy();
  }
}
