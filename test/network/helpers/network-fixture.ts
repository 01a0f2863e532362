/**
 * Real fakes plus Toxiproxy in front of S3 and Key Vault, and real clients through the proxies.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type StartedFakes, startFakes } from '../../../fakes/index.js';
import { type NetworkFaultEvent, type NetworkFaults, startNetworkFaults } from '../../../harness/network/index.js';

export const BUCKET = 'net';

export interface NetworkFixture {
  readonly fakes: StartedFakes;
  readonly network: NetworkFaults;
  readonly events: NetworkFaultEvent[];
  stop(): Promise<void>;
}

export async function startNetworkFixture(timeScale = 1): Promise<NetworkFixture> {
  const fakes = await startFakes({ seed: 7 });
  const events: NetworkFaultEvent[] = [];
  try {
    const network = await startNetworkFaults({
      services: ['s3', 'keyvault'],
      endpoints: fakes.endpoints,
      timeScale,
      seed: 7,
      onEvent: (e) => events.push(e),
    });
    fakes.s3.createBucket(BUCKET);
    return {
      fakes,
      network,
      events,
      stop: async () => {
        await network.stop();
        await fakes.stop();
      },
    };
  } catch (error) {
    await fakes.stop();
    throw error;
  }
}

/** A fresh client, so pooled sockets from an earlier test never carry a toxic's aftermath. */
export function s3Client(
  endpoint: string,
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIACHAOSFAKE0000000', secretAccessKey: 'chaos-fake-secret-access-key' },
    maxAttempts: options.maxAttempts ?? 1,
    // The JS SDK has no default timeout (wire-contracts §6.1); a hang test must set one.
    // requestTimeout alone only logs a warning in this SDK; throwOnRequestTimeout makes it fail.
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 10_000,
      connectionTimeout: options.requestTimeoutMs ?? 10_000,
      throwOnRequestTimeout: true,
    },
  });
}

export type GetOutcome =
  | { ok: true; bytes: number; elapsedMs: number }
  | { ok: false; error: string; elapsedMs: number };

/** GetObject and read the whole body; errors become `{ ok: false, error: "<name|code>: message" }`. */
export async function getObject(client: S3Client, key: string): Promise<GetOutcome> {
  const started = performance.now();
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const body = await response.Body!.transformToByteArray();
    return { ok: true, bytes: body.length, elapsedMs: performance.now() - started };
  } catch (error) {
    const e = error as Error & { code?: string };
    return { ok: false, error: `${e.code ?? e.name}: ${e.message}`, elapsedMs: performance.now() - started };
  }
}

export interface RawGet {
  readonly status: number;
  readonly bytes: number;
  readonly chunks: number;
  readonly endMs: number;
  readonly closeMs: number;
}

/** node:http GET on a fresh `Connection: close` socket: chunk count, body end and socket close times. */
export function rawGet(url: string): Promise<RawGet> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let bytes = 0;
      let chunks = 0;
      let endMs = -1;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        chunks += 1;
      });
      res.on('end', () => (endMs = performance.now() - started));
      res.socket.once('close', () =>
        resolve({ status: res.statusCode ?? 0, bytes, chunks, endMs, closeMs: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** One HTTPS request through a proxy, trusting the run's CA: the status, or the error code. */
export function httpsStatus(url: string, caPem: string): Promise<string> {
  return new Promise((resolve) => {
    const req = httpsRequest(url, { ca: caPem, agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message));
    req.end();
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * A hand-written `Connection: close` GET on a raw socket that waits for the peer's FIN, because
 * node:http closes a `Connection: close` socket itself and would hide a delayed close.
 */
export function getUntilPeerCloses(url: string): Promise<{ bytes: number; lastDataMs: number; peerClosedMs: number }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytes = 0;
    let lastDataMs = -1;
    const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true }, () => {
      socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      lastDataMs = performance.now() - started;
    });
    socket.once('end', () => {
      resolve({ bytes, lastDataMs, peerClosedMs: performance.now() - started });
      socket.destroy();
    });
    socket.once('error', reject);
  });
}
