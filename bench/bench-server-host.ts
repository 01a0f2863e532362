/**
 * Child-process host for one benchmark target, so the server under test gets its own event loop and
 * the client's cost is not charged to it. Prints one JSON line `{ s3?, ingest?, caCertPath? }`, then
 * serves until SIGTERM/SIGINT or until its stdin closes (the parent went away).
 *
 *   node --import tsx bench/bench-server-host.ts <fakes | bare | s3rver>
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { createRunCertificates } from '../fakes/core/tls.js';
import { BENCH_BUCKET, BENCH_KEY, OBJECT_1K } from './bench-target.js';

type Host = { info: Record<string, string>; stop(): Promise<void> };

async function listen(server: import('node:http').Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function startFakesHost(): Promise<Host> {
  const { startFakes } = await import('../fakes/index.js');
  const fakes = await startFakes({});
  fakes.s3.createBucket(BENCH_BUCKET);
  fakes.s3.putObject(BENCH_BUCKET, BENCH_KEY, OBJECT_1K);
  return {
    info: { s3: fakes.endpoints.s3, ingest: fakes.endpoints.sentinel, caCertPath: fakes.caCertPath },
    stop: () => fakes.stop(),
  };
}

/** Does no work: a static GetObject answer, a drained PutObject, a gunzipped-and-discarded upload. */
async function startBareHost(): Promise<Host> {
  const lastModified = new Date().toUTCString();
  const s3 = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const headers = { 'x-amz-request-id': 'bare', etag: '"bare"', 'last-modified': lastModified };
      if (req.method === 'GET') {
        res.writeHead(200, { ...headers, 'content-type': 'binary/octet-stream', 'content-length': OBJECT_1K.length });
        res.end(OBJECT_1K);
      } else {
        res.writeHead(200, { ...headers, 'content-length': 0 });
        res.end();
      }
    });
  });
  s3.keepAliveTimeout = 65_000;
  const certs = await createRunCertificates();
  // @note https like the Sentinel fake, so the ratio isolates the fake's own work, not TLS.
  const ingest = createHttpsServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    const gunzip = createGunzip();
    gunzip.on('data', () => {});
    gunzip.on('end', () => {
      res.writeHead(204);
      res.end();
    });
    gunzip.on('error', () => {
      res.writeHead(400);
      res.end();
    });
    req.pipe(gunzip);
  });
  ingest.keepAliveTimeout = 65_000;
  const s3Port = await listen(s3);
  const ingestPort = await listen(ingest);
  return {
    info: { s3: `http://127.0.0.1:${s3Port}`, ingest: `https://127.0.0.1:${ingestPort}`, caCertPath: certs.caCertPath },
    stop: async () => {
      s3.closeAllConnections();
      ingest.closeAllConnections();
      await Promise.all([new Promise((r) => s3.close(r)), new Promise((r) => ingest.close(r))]);
      await certs.dispose();
    },
  };
}

async function startS3rverHost(): Promise<Host> {
  // @ts-expect-error s3rver ships no types
  const { default: S3rver } = await import('s3rver');
  const directory = mkdtempSync(join(tmpdir(), 'bench-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BENCH_BUCKET }],
  });
  const address = (await server.run()) as AddressInfo;
  return {
    info: { s3: `http://127.0.0.1:${address.port}` },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const kind = process.argv[2];
const starters: Record<string, () => Promise<Host>> = {
  fakes: startFakesHost,
  bare: startBareHost,
  s3rver: startS3rverHost,
};
const starter = kind === undefined ? undefined : starters[kind];
if (!starter) {
  console.error(
    `Failed to start a bench host: unknown kind "${kind}". Use one of ${Object.keys(starters).join(', ')}.`,
  );
  process.exit(2);
}
const host = await starter();
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await host.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.stdin.on('end', () => void shutdown());
process.stdin.resume();
process.stdout.write(`${JSON.stringify(host.info)}\n`);
