/**
 * The HTTP control plane of the fakes (JSON; errors are `{ "error": "...", "status": N }`):
 *
 *   GET    /__chaos/faults[?include=removed]   rules with matched / applied / unmatched
 *   POST   /__chaos/faults                     add a FaultRuleSpec → 201 | 400 (every problem) | 409
 *   DELETE /__chaos/faults/:id                 remove one (404 unknown); held (hung) requests released
 *   DELETE /__chaos/faults                     remove all
 *   POST   /__chaos/reset                      faults cleared, service state emptied, journal kept
 *   GET    /__chaos/journal?service=&operation=&status=&sinceSeq=&limit=
 *   GET    /__chaos/journal/stream[?sinceSeq=] NDJSON, one entry per line as requests complete
 *   GET    /__chaos/journal/counts             exact totals
 *   GET    /__chaos/ingest?stream=&sinceSeq=   ingested records
 *   GET    /__chaos/ingest/count               { total, distinct }
 *   PUT    /__chaos/s3/:bucket/:key            seed an object (raw body; bucket created if missing)
 *   PUT    /__chaos/keyvault/secrets/:name     seed a secret (raw text body, or JSON { "value": "…" })
 *
 * The control plane is never faulted and never journaled.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { splitTarget } from './build-fake-request.js';
import { parseIngestQuery, parseJournalQuery } from './control-queries.js';
import {
  ChaosApiError,
  ERR_BAD_QUERY,
  ERR_BAD_REQUEST_BODY,
  ERR_FAULT_RULE_NOT_FOUND,
  ERR_INTERNAL,
  ERR_METHOD_NOT_ALLOWED,
  ERR_ROUTE_NOT_FOUND,
  ERR_STATE_UNAVAILABLE,
  InvalidFaultRuleError,
} from './errors.js';
import type { FaultEngine } from './fault-engine.js';
import type { Journal } from './journal.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { readRequestBody } from './read-request-body.js';
import type { IngestRecord } from './types.js';

/** What the control plane operates on; optional parts answer 404 when absent. */
export interface ControlApiTarget {
  readonly engine: FaultEngine;
  readonly journal: Journal;
  reset(): void;
  readonly ingest?: {
    records(filter?: { stream?: string; sinceSeq?: number }): IngestRecord[];
    count(): { total: number; distinct: number };
  };
  seedS3Object?(bucket: string, key: string, body: Buffer): void;
  seedSecret?(name: string, value: string): void;
}

export interface StartedControlApi extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const MAX_CONTROL_BODY_BYTES = 64 * 1024 * 1024;

export async function startControlApi(
  target: ControlApiTarget,
  options: { port?: number } = {},
): Promise<StartedControlApi> {
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void routeControlRequest(target, req, res, streams).catch((error: unknown) => {
      const apiError =
        error instanceof ChaosApiError
          ? error
          : ERR_INTERNAL.withDetail(error instanceof Error ? error.message : String(error));
      sendError(res, apiError);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server, options.port ?? 0, 'the control API');
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      for (const stream of streams) stream.end();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }));
  return { url: `http://127.0.0.1:${port}`, port, stop, [Symbol.asyncDispose]: stop };
}

async function routeControlRequest(
  target: ControlApiTarget,
  req: IncomingMessage,
  res: ServerResponse,
  streams: Set<ServerResponse>,
): Promise<void> {
  const { path, query: rawQuery } = splitTarget(req.url ?? '/');
  const query = new URLSearchParams(rawQuery);
  const method = req.method ?? 'GET';
  const segments = path.split('/').filter(Boolean).map(decodeSegment);
  if (segments[0] !== '__chaos') throw ERR_ROUTE_NOT_FOUND;
  const [, resource, ...rest] = segments;
  const { engine, journal } = target;

  switch (resource) {
    case 'faults': {
      if (rest.length === 0) {
        if (method === 'GET')
          return sendJson(
            res,
            200,
            query.get('include') === 'removed' ? [...engine.removedRules(), ...engine.list()] : engine.list(),
          );
        if (method === 'POST') return sendJson(res, 201, engine.add((await readJson(req)) as never));
        if (method === 'DELETE') {
          const count = engine.list().length;
          engine.clear();
          return sendJson(res, 200, { removed: count });
        }
        throw ERR_METHOD_NOT_ALLOWED;
      }
      if (rest.length === 1) {
        const id = rest[0]!;
        if (method === 'GET') return sendJson(res, 200, engine.get(id) ?? notFound(id));
        if (method === 'DELETE') {
          if (!engine.remove(id)) notFound(id);
          return sendJson(res, 200, engine.removedRules().at(-1));
        }
        throw ERR_METHOD_NOT_ALLOWED;
      }
      throw ERR_ROUTE_NOT_FOUND;
    }
    case 'reset':
      if (method !== 'POST') throw ERR_METHOD_NOT_ALLOWED;
      target.reset();
      return sendJson(res, 200, { reset: true });
    case 'journal':
      if (method !== 'GET') throw ERR_METHOD_NOT_ALLOWED;
      if (rest.length === 0) return sendJson(res, 200, journal.query(parseJournalQuery(query)));
      if (rest[0] === 'counts' && rest.length === 1) return sendJson(res, 200, journal.counts());
      if (rest[0] === 'stream' && rest.length === 1)
        return streamJournal(journal, parseJournalQuery(query), res, streams);
      throw ERR_ROUTE_NOT_FOUND;
    case 'ingest': {
      if (method !== 'GET') throw ERR_METHOD_NOT_ALLOWED;
      const ingest = target.ingest ?? unavailable('sentinel');
      if (rest.length === 0) return sendJson(res, 200, ingest.records(parseIngestQuery(query)));
      if (rest[0] === 'count' && rest.length === 1) return sendJson(res, 200, ingest.count());
      throw ERR_ROUTE_NOT_FOUND;
    }
    case 's3': {
      if (method !== 'PUT') throw ERR_METHOD_NOT_ALLOWED;
      if (rest.length < 2) throw ERR_ROUTE_NOT_FOUND.withDetail('use PUT /__chaos/s3/<bucket>/<key>');
      const seed = target.seedS3Object ?? unavailable('s3');
      const [bucket, ...keyParts] = rest;
      const body = await readBody(req);
      seed.call(target, bucket!, keyParts.join('/'), body);
      return sendJson(res, 200, { bucket, key: keyParts.join('/'), size: body.length });
    }
    case 'keyvault': {
      if (method !== 'PUT') throw ERR_METHOD_NOT_ALLOWED;
      if (rest.length !== 2 || rest[0] !== 'secrets')
        throw ERR_ROUTE_NOT_FOUND.withDetail('use PUT /__chaos/keyvault/secrets/<name>');
      const seed = target.seedSecret ?? unavailable('keyvault');
      const value = secretValueOf(req, await readBody(req));
      seed.call(target, rest[1]!, value);
      return sendJson(res, 200, { name: rest[1] });
    }
    default:
      throw ERR_ROUTE_NOT_FOUND;
  }
}

function streamJournal(
  journal: Journal,
  q: ReturnType<typeof parseJournalQuery>,
  res: ServerResponse,
  streams: Set<ServerResponse>,
): void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  res.flushHeaders();
  const matches = (entry: Parameters<Parameters<Journal['subscribe']>[0]>[0]): boolean =>
    (q.service === undefined || entry.service === q.service) &&
    (q.operation === undefined || entry.operation === q.operation) &&
    (q.status === undefined || entry.status === q.status);
  if (q.sinceSeq !== undefined)
    for (const entry of journal.query({ ...q, limit: undefined })) res.write(JSON.stringify(entry) + '\n');
  const unsubscribe = journal.subscribe((entry) => {
    if (matches(entry)) res.write(JSON.stringify(entry) + '\n');
  });
  streams.add(res);
  res.on('close', () => {
    unsubscribe();
    streams.delete(res);
  });
}

function secretValueOf(req: IncomingMessage, body: Buffer): string {
  if (String(req.headers['content-type'] ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { value?: unknown }).value === 'string')
        return (parsed as { value: string }).value;
    } catch {
      throw ERR_BAD_REQUEST_BODY.withDetail('expected {"value": "..."}');
    }
    throw ERR_BAD_REQUEST_BODY.withDetail('expected {"value": "..."}');
  }
  return body.toString('utf8');
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const read = await readRequestBody(req, MAX_CONTROL_BODY_BYTES);
  if (read.kind === 'complete') return read.body;
  throw ERR_BAD_REQUEST_BODY.withDetail(
    read.kind === 'too_large' ? `body over ${MAX_CONTROL_BODY_BYTES} bytes` : 'client disconnected',
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw ERR_BAD_REQUEST_BODY.withDetail((error as Error).message);
  }
}

function notFound(id: string): never {
  throw ERR_FAULT_RULE_NOT_FOUND.withDetail(`"${id}"`);
}

function unavailable(service: string): never {
  throw ERR_STATE_UNAVAILABLE.withDetail(service);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw ERR_BAD_QUERY.withDetail(`bad percent-encoding in path segment "${segment}"`);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: ChaosApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body =
    error instanceof InvalidFaultRuleError ? { ...error.toJSON(), problems: error.problems } : error.toJSON();
  sendJson(res, error.status, body);
}
