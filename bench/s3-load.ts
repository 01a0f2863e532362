/**
 * One S3 round against one server: requests signed by the SDK here, replayed by the load-generator
 * process, with the CPU share the server and the generator used meanwhile.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { BENCH_BUCKET, BENCH_KEY, OBJECT_1K } from './bench-target.js';
import type { LoadOptions, LoadStats } from './measure-load.js';
import { withCpuShares } from './process-cpu.js';
import { required } from './required.js';
import { type SignableS3Command, signS3Requests } from './signed-s3-requests.js';
import type { BenchHost } from './spawn-bench-host.js';
import type { LoadGenerator } from './spawn-load-generator.js';

export type S3Op = 'get' | 'put';

/** PutObject cycles over this many keys, as the SDK bench did, so a server cannot cache one answer. */
const PUT_KEYS = 16;

export interface S3RoundStats extends LoadStats {
  /** Cores the server process used during the round (1 = one full core); undefined without /proc. */
  readonly serverCpu?: number;
  readonly generatorCpu?: number;
}

function commands(op: S3Op): SignableS3Command[] {
  if (op === 'get') return [new GetObjectCommand({ Bucket: BENCH_BUCKET, Key: BENCH_KEY })];
  return Array.from(
    { length: PUT_KEYS },
    (_, i) => new PutObjectCommand({ Bucket: BENCH_BUCKET, Key: `put-${i}`, Body: OBJECT_1K }),
  );
}

export async function measureS3(
  generator: LoadGenerator,
  host: BenchHost,
  op: S3Op,
  load: LoadOptions,
): Promise<S3RoundStats> {
  const endpoint = new URL(required(host.info.s3, 'the S3 endpoint'));
  // Signed afresh each round: the signature carries x-amz-date, which s3rver checks for skew.
  const requests = await signS3Requests(endpoint.origin, commands(op));
  const { result, cpuShares } = await withCpuShares([host.pid, generator.pid], () =>
    generator.run({
      ...load,
      host: endpoint.hostname,
      port: Number(endpoint.port),
      requests: requests.map((r) => r.toString('base64')),
      expectStatus: 200,
      ...(op === 'get' && { expectBodyBytes: OBJECT_1K.length }),
    }),
  );
  const [serverCpu, generatorCpu] = cpuShares;
  return {
    ...result,
    ...(serverCpu !== undefined && { serverCpu }),
    ...(generatorCpu !== undefined && { generatorCpu }),
  };
}
