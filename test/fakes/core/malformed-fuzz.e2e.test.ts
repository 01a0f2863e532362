/**
 * Fires a few thousand random malformed requests at all four fakes (five listeners), then shows
 * that each fake still serves a valid request and that the journal counted every request sent,
 * clients that disconnected mid-body included. Random choices come from a seeded PRNG, so a failure
 * replays with the same sequence (the seed is in the test name).
 */

import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../fakes/core/prng.js';
import { type StartedFakes, startFakes } from '../../../fakes/index.js';
import { rawRequest } from './helpers/raw-request.js';

const SEED = 20_261_127;
const REQUESTS = 2_500;
const CONCURRENCY = 24;
const MAX_BODY_BYTES = 256 * 1024;

type Listener = 's3' | 'keyVault' | 'sentinel' | 'identity' | 'authority';
const LISTENERS: Listener[] = ['s3', 'keyVault', 'sentinel', 'identity', 'authority'];

interface Fuzzed {
  readonly listener: Listener;
  readonly method: string;
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body?: Buffer;
  /** Send headers and part of the body, then disconnect. */
  readonly disconnectMidBody?: boolean;
}

function baseUrl(fakes: StartedFakes, listener: Listener): URL {
  return new URL(listener === 'identity' ? fakes.endpoints.identity : fakes.endpoints[listener]);
}

function makeGenerator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const printable = (n: number): string =>
    Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(random() * 94))).join('');
  const bodies: Array<() => { body: Buffer; headers?: OutgoingHttpHeaders }> = [
    () => ({ body: Buffer.from('<CreateBucketConfiguration><LocationConstraint>eu') }),
    () => ({
      body: Buffer.from('<?xml version="1.0"?><Delete><Object><Key>a</Key></Obj'),
      headers: { 'content-type': 'application/xml' },
    }),
    () => ({ body: Buffer.from('{"value": "unterminated'), headers: { 'content-type': 'application/json' } }),
    () => ({ body: Buffer.from('[{"a":1},'), headers: { 'content-type': 'application/json' } }),
    () => ({ body: Buffer.from('{"not":"an array"}'), headers: { 'content-type': 'application/json' } }),
    () => ({ body: bytes(64), headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' } }),
    () => ({ body: gzipSync(Buffer.from('[{"a":')).subarray(0, 12), headers: { 'content-encoding': 'gzip' } }),
    () => ({
      body: Buffer.from(`5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${printable(6)}\r\n\r\n`),
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '99' },
    }),
    () => ({
      body: Buffer.from('10;chunk-signature=zz\r\nshort\r\n'),
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '16' },
    }),
    () => ({ body: bytes(Math.floor(random() * 2_048)) }),
    () => ({ body: Buffer.alloc(MAX_BODY_BYTES + 1 + Math.floor(random() * 1_024), 0x61) }), // oversized
  ];
  const authorizations: Array<() => string | undefined> = [
    () => undefined,
    () => 'Bearer',
    () => `Bearer ${printable(20)}`,
    () => printable(40),
    () => 'AWS4-HMAC-SHA256 Credential=/x, SignedHeaders=, Signature=',
    () =>
      `AWS4-HMAC-SHA256 Credential=${printable(10)}/20260101/us-east-1/s3/aws4_request, ` +
      `SignedHeaders=host;x-amz-date, Signature=${printable(64)}`,
    () => 'Basic Zm9vOmJhcg==',
  ];
  const paths: Array<(listener: Listener) => string> = [
    () => `/${printable(8).replace(/[?#]/g, '')}`,
    () => '/%zz/%E0%A4%A/..%2f..%2fetc',
    () =>
      `/bucket-${Math.floor(random() * 5)}/key/${encodeURIComponent(printable(12))}?` +
      pick(['list-type=2&max-keys=-1', 'encoding-type=url&continuation-token=%%%', 'uploads', 'acl', 'x-id=GetObject']),
    () => `/secrets/${pick(['', 'x', 'a/b/c/d', '%00'])}?api-version=${pick(['', '7.4', '2025-07-01', '%ff'])}`,
    () =>
      `/dataCollectionRules/${pick(['dcr-1', '', '%2F'])}/streams/${pick(['Custom-A', ''])}?api%2Dversion=2023-01-01`,
    () => `/msi/token?api-version=${pick(['2019-08-01', 'x'])}&resource=${pick(['', 'https%3A%2F%2Fvault', '%%'])}`,
    () => `/${pick(['adfs', 'common', '%20'])}/oauth2/v2.0/token`,
    () => `/metadata/identity/oauth2/token?resource=${printable(5)}`,
    () => `/${'a'.repeat(2_000 + Math.floor(random() * 4_000))}`,
    () => '/',
  ];
  /** A real route with plausible auth and a broken body, so the fakes' parsers (not just routing) are hit. */
  const targeted: Record<Listener, () => Omit<Fuzzed, 'listener'>> = {
    s3: () =>
      pick([
        { method: 'PUT', path: `/bucket-${Math.floor(random() * 3)}`, headers: { 'content-type': 'application/xml' } },
        {
          method: 'PUT',
          path: `/bucket-0/obj-${Math.floor(random() * 9)}`,
          headers: {
            'content-encoding': 'aws-chunked',
            'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
            'x-amz-decoded-content-length': String(Math.floor(random() * 100)),
            'x-amz-trailer': 'x-amz-checksum-crc32',
          },
        },
        { method: 'POST', path: '/bucket-0?delete', headers: { 'content-type': 'application/xml' } },
        {
          method: 'GET',
          path:
            `/bucket-0?list-type=2&max-keys=${pick(['abc', '-5', '99999999999'])}` +
            `&continuation-token=${encodeURIComponent(printable(10))}`,
          headers: {},
        },
      ]),
    keyVault: () => ({
      method: 'PUT',
      path: `/secrets/s-${Math.floor(random() * 5)}?api-version=7.4`,
      headers: { authorization: 'Bearer fuzz', 'content-type': 'application/json' },
    }),
    sentinel: () => ({
      method: 'POST',
      path: '/dataCollectionRules/dcr-1/streams/Custom-Fw_CL?api%2Dversion=2023-01-01',
      headers: {
        authorization: 'Bearer fuzz',
        'content-type': 'application/json',
        ...(random() < 0.5 && { 'content-encoding': 'gzip' }),
      },
    }),
    identity: () => ({
      method: 'GET',
      path: `/msi/token?api-version=2019-08-01&resource=${encodeURIComponent(printable(6))}&client_id=${printable(3)}`,
      headers: { 'x-identity-header': printable(4) },
    }),
    authority: () => ({
      method: 'POST',
      path: '/adfs/oauth2/v2.0/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  };
  return (): Fuzzed => {
    const listener = pick(LISTENERS);
    if (random() < 0.5) {
      const route = targeted[listener]();
      const generated = pick(bodies)();
      const disconnectMidBody = random() < 0.08;
      const body = route.method === 'GET' && !disconnectMidBody ? undefined : generated.body;
      return {
        listener,
        ...route,
        headers: { ...generated.headers, ...route.headers },
        ...(body && { body }),
        disconnectMidBody,
      };
    }
    const method = pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']);
    const path = pick(paths)(listener);
    const headers: OutgoingHttpHeaders = {};
    const authorization = pick(authorizations)();
    if (authorization !== undefined) headers.authorization = authorization;
    if (random() < 0.2) headers['x-amz-date'] = printable(8);
    if (random() < 0.2) headers['x-identity-header'] = printable(4);
    const disconnectMidBody = random() < 0.08;
    const withBody = disconnectMidBody || (method !== 'GET' && method !== 'HEAD') || random() < 0.1;
    if (!withBody) return { listener, method, path, headers };
    const generated = pick(bodies)();
    return {
      listener,
      method,
      path,
      headers: { ...headers, ...generated.headers },
      body: generated.body,
      disconnectMidBody,
    };
  };
}

/** Sends one request; resolves when the exchange is over, whatever the outcome. */
function send(
  fakes: StartedFakes,
  fuzzed: Fuzzed,
  agents: { http: HttpAgent; https: HttpsAgent },
  ca: string,
): Promise<void> {
  const url = baseUrl(fakes, fuzzed.listener);
  return fuzzed.disconnectMidBody ? sendAndDisconnect(url, fuzzed, ca) : sendWhole(url, fuzzed, agents, ca);
}

function sendWhole(
  url: URL,
  fuzzed: Fuzzed,
  agents: { http: HttpAgent; https: HttpsAgent },
  ca: string,
): Promise<void> {
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:';
    const headers = { ...fuzzed.headers, ...(fuzzed.body && { 'content-length': fuzzed.body.length }) };
    const options = {
      host: '127.0.0.1',
      port: url.port,
      method: fuzzed.method,
      path: fuzzed.path,
      headers,
      ...(secure ? { agent: agents.https, ca } : { agent: agents.http }),
    };
    const req = (secure ? httpsRequest : httpRequest)(options, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', () => resolve());
      res.on('close', () => resolve());
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve());
    req.end(fuzzed.body);
  });
}

/**
 * Announces the full body with Expect: 100-continue (so the fake has dispatched the request), sends
 * part, disconnects.
 */
function sendAndDisconnect(url: URL, fuzzed: Fuzzed, ca: string): Promise<void> {
  return new Promise((resolve) => {
    const body = fuzzed.body ?? Buffer.alloc(100);
    const onConnect = (): void => {
      const head = [
        `${fuzzed.method === 'GET' || fuzzed.method === 'HEAD' ? 'POST' : fuzzed.method} ${fuzzed.path} HTTP/1.1`,
        `Host: 127.0.0.1:${url.port}`,
        `Content-Length: ${body.length + 10}`,
        'Expect: 100-continue',
      ];
      for (const [name, value] of Object.entries(fuzzed.headers))
        if (!/^(content-length|expect|host)$/i.test(name)) head.push(`${name}: ${String(value)}`);
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      socket.once('data', () =>
        socket.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))), () => socket.destroy()),
      );
    };
    const socket: Socket =
      url.protocol === 'https:'
        ? tlsConnect({ host: '127.0.0.1', port: Number(url.port), ca, servername: 'localhost' }, onConnect)
        : netConnect(Number(url.port), '127.0.0.1', onConnect);
    socket.setTimeout(30_000, () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('malformed-request fuzz', () => {
  it(`survives ${REQUESTS} random malformed requests on all fakes, journals every one (seed ${SEED})`, async () => {
    await using fakes = await startFakes({ maxBodyBytes: MAX_BODY_BYTES });
    const ca = readFileSync(fakes.caCertPath, 'utf8');
    const agents = {
      http: new HttpAgent({ keepAlive: true, maxSockets: CONCURRENCY }),
      https: new HttpsAgent({ keepAlive: true, maxSockets: CONCURRENCY }),
    };
    const next = makeGenerator(createPrng(SEED));
    const startTotal = fakes.journal.total();
    let sent = 0;
    let disconnects = 0;
    const worker = async (): Promise<void> => {
      while (sent < REQUESTS) {
        sent += 1;
        const fuzzed = next();
        if (fuzzed.disconnectMidBody) disconnects += 1;
        await send(fakes, fuzzed, agents, ca);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agents.http.destroy();
    agents.https.destroy();

    // A disconnect is journaled when the fake notices the closed socket; wait for it with a deadline.
    const deadline = Date.now() + 10_000;
    while (fakes.journal.total() - startTotal < REQUESTS && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(fakes.journal.total() - startTotal).toBe(REQUESTS);
    expect(disconnects).toBeGreaterThan(50);
    const outcomes: Record<string, number> = {};
    for (const e of fakes.journal.query()) outcomes[e.outcome] = (outcomes[e.outcome] ?? 0) + 1;
    expect(outcomes.client_aborted).toBe(disconnects);
    expect(outcomes.rejected).toBeGreaterThan(0); // oversized bodies got 413s
    if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify(fakes.journal.counts().byServiceStatus), outcomes);
    expect(fakes.journal.query({ status: 500 }).filter((e) => e.note?.includes('handler threw'))).toEqual([]);

    await expectEveryFakeServes(fakes, ca);
  });
});

async function expectEveryFakeServes(fakes: StartedFakes, ca: string): Promise<void> {
  const s3 = new S3Client({
    endpoint: fakes.endpoints.s3,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'after-fuzz' }));
  await s3.send(new PutObjectCommand({ Bucket: 'after-fuzz', Key: 'k', Body: 'ok' }));
  expect(
    await (await s3.send(new GetObjectCommand({ Bucket: 'after-fuzz', Key: 'k' }))).Body!.transformToString(),
  ).toBe('ok');
  s3.destroy();

  fakes.keyVault.setSecret('after-fuzz', 'v');
  const secret = await rawRequest(`${fakes.endpoints.keyVault}/secrets/after-fuzz/?api-version=2025-07-01`, {
    ca,
    headers: { authorization: 'Bearer token' },
  });
  expect(secret.ok && secret.status).toBe(200);
  if (secret.ok) expect(JSON.parse(secret.body.toString()).value).toBe('v');

  const before = fakes.ingest.count().total;
  const upload = await rawRequest(
    `${fakes.endpoints.sentinel}/dataCollectionRules/dcr-1/streams/Custom-Fw_CL?api-version=2023-01-01`,
    {
      method: 'POST',
      ca,
      headers: { authorization: 'Bearer token', 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify([{ n: 1 }, { n: 2 }])),
    },
  );
  expect(upload.ok && upload.status).toBe(204);
  expect(fakes.ingest.count().total).toBe(before + 2);

  const token = await rawRequest(
    `${fakes.endpoints.identity}?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net`,
    { headers: { 'x-identity-header': fakes.env.IDENTITY_HEADER! } },
  );
  expect(token.ok && token.status).toBe(200);
  const oidc = await rawRequest(`${fakes.endpoints.authority}/adfs/.well-known/openid-configuration`, { ca });
  expect(oidc.ok && oidc.status).toBe(200);
}
