/**
 * Logs Ingestion load: ~1 MB JSON batches (firewall-like records), gzipped once up front so the
 * client's compression cost is not measured, POSTed over https with keep-alive.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { gzipSync } from 'node:zlib';
import { type LoadOptions, type LoadStats, measureLoad } from './measure-load.js';
import { required } from './required.js';

export const BATCH_TARGET_BYTES = 1_000_000;

interface Batch {
  /** Gzip member holding every record but the first, and the closing bracket. */
  readonly tailGzipped: Buffer;
  readonly uncompressedBytes: number;
}

/** Builds `count` distinct batches just under `BATCH_TARGET_BYTES` of JSON each. */
export function buildBatches(count: number): Batch[] {
  const batches: Batch[] = [];
  let n = 0;
  for (let b = 0; b < count; b++) {
    const records: string[] = [];
    let size = 2;
    for (;;) {
      n++;
      const record = JSON.stringify({
        TimeGenerated: new Date(Date.UTC(2024, 0, 1) + n * 1_000).toISOString(),
        SourceIP: `10.0.${(n >> 8) & 255}.${n & 255}`,
        DestinationIP: '10.0.0.2',
        Action: n % 7 === 0 ? 'deny' : 'allow',
        Rule: `rule-${n % 13}`,
        Protocol: 'tcp',
        SourcePort: 40_000 + (n % 20_000),
        DestinationPort: 443,
        BytesTransferred: 1_000_000 + n,
      });
      if (size + record.length + 1 > BATCH_TARGET_BYTES) break;
      records.push(record);
      size += record.length + 1;
    }
    const tail = `${records.slice(1).join(',')}]`;
    batches.push({
      tailGzipped: gzipSync(tail),
      uncompressedBytes: tail.length + required(records[0], 'a record').length + 2,
    });
  }
  return batches;
}

let uniqueCounter = 0;

/**
 * Every upload must be a body the fake has never seen: the Sentinel fake skips per-record work
 * for a byte-identical retry, and a benchmark that cycles a few bodies would measure only that
 * shortcut. A gzip stream may hold several members, which gunzip concatenates, so a tiny fresh
 * member with one unique record in front of the pre-compressed tail makes each body new at
 * almost no client cost (the records after it still repeat, which costs the fake the same).
 */
function withUniqueHead(batch: Batch, sequence: number): Buffer {
  const id = ++uniqueCounter;
  const first = {
    TimeGenerated: new Date(Date.UTC(2024, 0, 1)).toISOString(),
    BenchUpload: sequence,
    BytesTransferred: 9_000_000_000 + id,
  };
  const head = `[${JSON.stringify(first)},`;
  return Buffer.concat([gzipSync(head), batch.tailGzipped]);
}

export interface IngestStats extends LoadStats {
  readonly mbPerSec: number;
}

/**
 * @note MB/s = successful uploads × mean batch size ÷ elapsed; the batches differ by a few bytes, so
 * the mean is exact to well under 0.1 %. MB = 10^6 bytes of uncompressed JSON.
 */
export async function measureIngest(
  baseUrl: string,
  caCertPath: string,
  batches: readonly Batch[],
  options: LoadOptions,
): Promise<IngestStats> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency, ca: readFileSync(caCertPath) });
  const url = new URL('/dataCollectionRules/dcr-bench/streams/Custom-BenchLogs?api-version=2023-01-01', baseUrl);
  let next = 0;
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const sequence = next++;
      const batch = required(batches[sequence % batches.length], 'a batch');
      const body = withUniqueHead(batch, sequence);
      const req = request(url, {
        method: 'POST',
        agent,
        headers: {
          authorization: 'Bearer bench-token',
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': body.length,
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 204 ? resolve() : reject(new Error(`upload answered ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    const stats = await measureLoad(post, options);
    const meanBytes = batches.reduce((sum, b) => sum + b.uncompressedBytes, 0) / batches.length;
    return { ...stats, mbPerSec: (stats.requests * meanBytes) / 1e6 / (stats.elapsedMs / 1_000) };
  } finally {
    agent.destroy();
  }
}
