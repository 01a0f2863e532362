import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../../fakes/core/clock.js';
import { type StartedControlApi, startControlApi } from '../../../fakes/core/control-api.js';
import { type StartedFakeServer, startFakeServer } from '../../../fakes/core/fake-server.js';
import { FaultEngine } from '../../../fakes/core/fault-engine.js';
import { Journal } from '../../../fakes/core/journal.js';
import type { IngestRecord } from '../../../fakes/core/types.js';
import { createKeyVaultControlRoutes } from '../../../fakes/keyvault/keyvault-control-routes.js';
import { createS3ControlRoutes } from '../../../fakes/s3/s3-control-routes.js';
import { createIngestControlRoutes } from '../../../fakes/sentinel/ingest-control-routes.js';
import { rawRequest } from './helpers/raw-request.js';
import { createTinyService, type TinyService } from './helpers/tiny-service.js';

const clock = new SystemClock();
const engine = new FaultEngine({ clock });
const journal = new Journal();
let service: TinyService;
let server: StartedFakeServer;
let control: StartedControlApi;
let resets = 0;
const seeded: Record<string, string> = {};
const records: IngestRecord[] = [
  { seq: 1, ruleId: 'dcr', stream: 'Custom-A', requestId: 'r1', arrivedAtMs: 1, record: { n: 1 } },
  { seq: 2, ruleId: 'dcr', stream: 'Custom-B', requestId: 'r2', arrivedAtMs: 2, record: { n: 2 } },
];

/** Control API JSON as the assertions read it: any path into it. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions reach into arbitrary JSON shapes
type LooseJson = any;

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: LooseJson }> {
  const res = await rawRequest(control.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`request failed: ${res.message}`);
  return { status: res.status, json: res.body.length ? JSON.parse(res.body.toString()) : undefined };
}

beforeAll(async () => {
  service = createTinyService();
  server = await startFakeServer({ definition: service, engine, journal, clock });
  control = await startControlApi({
    engine,
    journal,
    reset: () => {
      resets += 1;
      engine.clear();
    },
    routes: [
      ...createIngestControlRoutes({
        records: (filter) =>
          records.filter(
            (r) => (filter?.stream === undefined || r.stream === filter.stream) && r.seq > (filter?.sinceSeq ?? 0),
          ),
        count: () => ({ total: records.length, distinct: records.length }),
      }),
      ...createS3ControlRoutes({
        seedObject: (bucket, key, body) => {
          seeded[`s3:${bucket}/${key}`] = body.toString();
        },
      }),
      ...createKeyVaultControlRoutes({
        seedSecret: (name, value) => {
          seeded[`kv:${name}`] = value;
        },
      }),
    ],
  });
});
afterAll(async () => {
  await control.stop();
  await server.stop();
});

describe('control API', () => {
  it('adds, lists (unmatched flagged), reads and removes rules', async () => {
    const created = await call('POST', '/__chaos/faults', {
      id: 'slow',
      target: { service: 'sentinel' },
      effect: { kind: 'http_error', status: 503 },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: 'slow',
      matched: 0,
      applied: 0,
      unmatched: true,
      schedule: { kind: 'always' },
    });
    await rawRequest(`${server.url}/kv/x`);
    const list = await call('GET', '/__chaos/faults');
    expect(list.json).toEqual([expect.objectContaining({ id: 'slow', matched: 1, applied: 1, unmatched: false })]);
    expect((await call('GET', '/__chaos/faults/slow')).json.id).toBe('slow');
    const removed = await call('DELETE', '/__chaos/faults/slow');
    expect(removed).toMatchObject({ status: 200, json: { id: 'slow', applied: 1 } });
    expect((await call('GET', '/__chaos/faults')).json).toEqual([]);
    expect((await call('GET', '/__chaos/faults?include=removed')).json.map((r: { id: string }) => r.id)).toContain(
      'slow',
    );
  });

  it('answers 400 with every validation problem, 409 for a duplicate id, 404 for an unknown rule', async () => {
    const bad = await call('POST', '/__chaos/faults', {
      target: { service: 'nope' },
      effect: { kind: 'latency' },
      schedule: { kind: 'first' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.status).toBe(400);
    expect(bad.json.problems).toEqual([
      'target.service: must be one of s3, keyvault, sentinel, identity',
      'effect.latencyMs: is required',
      'schedule.count: is required',
    ]);
    expect(bad.json.error).toContain('effect.latencyMs: is required');
    expect((await call('POST', '/__chaos/faults', '{not json')).json).toMatchObject({
      status: 400,
      error: expect.stringContaining('expected JSON'),
    });
    const rule = { id: 'dup', target: { service: 's3' }, effect: { kind: 'reset' } };
    expect((await call('POST', '/__chaos/faults', rule)).status).toBe(201);
    expect((await call('POST', '/__chaos/faults', rule)).json).toMatchObject({
      status: 409,
      error: expect.stringContaining('already exists'),
    });
    expect((await call('DELETE', '/__chaos/faults/ghost')).json).toMatchObject({
      status: 404,
      error: expect.stringContaining('no rule with this id'),
    });
    expect((await call('DELETE', '/__chaos/faults')).json).toEqual({ removed: 1 });
    expect((await call('GET', '/__chaos/nowhere')).json.status).toBe(404);
    expect((await call('PATCH', '/__chaos/faults')).json.status).toBe(405);
    expect((await call('GET', '/__chaos/journal?status=abc')).json).toMatchObject({
      status: 400,
      error: expect.stringContaining('status must be an integer'),
    });
  });

  it('resets', async () => {
    const before = resets;
    expect((await call('POST', '/__chaos/reset')).status).toBe(200);
    expect(resets).toBe(before + 1);
  });

  it('reads the journal with filters, its counts, and streams new entries as NDJSON', async () => {
    await rawRequest(`${server.url}/kv/absent`);
    const entries = (await call('GET', '/__chaos/journal?service=sentinel&operation=GetValue&status=404&limit=1')).json;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ operation: 'GetValue', status: 404 });
    const counts = (await call('GET', '/__chaos/journal/counts')).json;
    expect(counts.total).toBe(journal.total());

    const controller = new AbortController();
    const response = await fetch(`${control.url}/__chaos/journal/stream?operation=EchoQuery`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const reader = response.body!.getReader();
    await rawRequest(`${server.url}/kv/ignored`);
    await rawRequest(`${server.url}/echo-query?x=1`);
    let text = '';
    while (!text.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    controller.abort();
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ operation: 'EchoQuery', status: 200 });
  });

  it('reads the ingest store and seeds S3 objects and secrets', async () => {
    expect((await call('GET', '/__chaos/ingest?stream=Custom-B')).json).toEqual([records[1]]);
    expect((await call('GET', '/__chaos/ingest?sinceSeq=1')).json).toEqual([records[1]]);
    expect((await call('GET', '/__chaos/ingest/count')).json).toEqual({ total: 2, distinct: 2 });
    expect((await call('PUT', '/__chaos/s3/logs/fw/a%20b.log', 'line-1')).json).toEqual({
      bucket: 'logs',
      key: 'fw/a b.log',
      size: 6,
    });
    expect(seeded['s3:logs/fw/a b.log']).toBe('line-1');
    await call('PUT', '/__chaos/keyvault/secrets/shared-key', { value: 's3cr3t' });
    expect(seeded['kv:shared-key']).toBe('s3cr3t');
    await call('PUT', '/__chaos/keyvault/secrets/plain', 'raw-value', { 'content-type': 'text/plain' });
    expect(seeded['kv:plain']).toBe('raw-value');
  });
});
