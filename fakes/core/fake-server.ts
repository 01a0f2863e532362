/**
 * The server plumbing every fake shares: one loopback listener per service definition.
 *
 *   socket ─▶ readRequestBody ─▶ classify ─▶ engine.decide ─┬─ none ─▶ handle ─▶ write
 *              │ too large: 413                              └─ rule ─▶ fault kind ─▶ outcome
 *              │ client gone: client_aborted                                 (respond, reset, abandon,
 *              ▼                                                              truncate, passthrough)
 *                              journal.record(one entry per request, whatever happened)
 *
 * Nothing a client sends can crash it: exceptions from the service become the service's 500
 * envelope, and a second exception becomes a plain 500.
 *
 * @example
 *   await using server = await startFakeServer({ definition, engine, journal, clock });
 *   await fetch(`${server.url}/bucket/key`);
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { buildFakeRequest, parseAttempt } from './build-fake-request.js';
import type { Clock } from './clock.js';
import type { FaultEngine } from './fault-engine.js';
import type { FaultOutcome } from './faults/fault-kind.js';
import { PASSTHROUGH } from './faults/passthrough.js';
import { getFaultKind } from './faults/registry.js';
import type { Journal } from './journal.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { readRequestBody } from './read-request-body.js';
import { createRequestRecorder } from './request-recorder.js';
import { createFaultContext, safeErrorResponse, safeHandle } from './service-calls.js';
import type { ClassifiedRequest, FakeRequest, ServiceDefinition } from './types.js';
import { writeFakeResponse, writeTruncatedResponse } from './write-fake-response.js';

export interface FakeServerOptions {
  readonly definition: ServiceDefinition;
  readonly engine: FaultEngine;
  readonly journal: Journal;
  readonly clock: Clock;
  /** Serve https with this PEM pair; plain http when omitted. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Larger bodies get the service's 413. Default 64 MiB. */
  readonly maxBodyBytes?: number;
}

export interface StartedFakeServer extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  /** Idempotent. Releases held requests and destroys every open socket, hung ones included. */
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** How long an oversized upload may keep draining after its 413 before the socket is cut. */
const OVERSIZE_DRAIN_MS = 5_000;

export async function startFakeServer(options: FakeServerOptions): Promise<StartedFakeServer> {
  const { definition } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const stopping = new AbortController();
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void serveRequest(options, maxBodyBytes, stopping.signal, req, res).catch(() => {
      // @note Last resort: serveRequest already journals and answers; never let a rejection escape.
      res.socket?.destroy();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(onRequest);
  // @note Keep-alive sockets idle longer than the SDKs' pools would otherwise be cut under them.
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Malformed HTTP never reaches a handler; answer 400 and close instead of crashing or hanging.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const port = await listenOnLoopback(server, options.port ?? 0, `fake "${definition.service}"`);
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      stopping.abort(new Error(`fake "${definition.service}" stopped`));
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }));
  return { url, port, stop, [Symbol.asyncDispose]: stop };
}

async function serveRequest(
  options: FakeServerOptions,
  maxBodyBytes: number,
  stopping: AbortSignal,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { definition, engine, clock } = options;
  const recorder = createRequestRecorder(options.journal, clock, req);
  const gone = new AbortController();
  const onStop = (): void => gone.abort(stopping.reason);
  stopping.addEventListener('abort', onStop, { once: true });
  res.on('close', () => {
    if (!res.writableFinished) gone.abort(new Error('client went away'));
    stopping.removeEventListener('abort', onStop);
  });

  const read = await readRequestBody(req, maxBodyBytes);
  const body = read.kind === 'complete' ? read.body : read.kind === 'aborted' ? read.body : Buffer.alloc(0);
  const request = buildFakeRequest(definition.service, req, body, recorder.startedAtMs);
  recorder.setRequest(request, read.kind === 'complete' ? read.body.length : read.bytesRead);
  const classified = classifySafely(definition, request, recorder);
  recorder.setClassified(classified, parseAttempt(req.headers['amz-sdk-request']));

  if (read.kind === 'aborted') {
    recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0, note: 'client disconnected mid-body' });
    return;
  }
  if (read.kind === 'too_large') {
    const response = safeErrorResponse(
      definition,
      413,
      undefined,
      `Request body exceeds ${maxBodyBytes} bytes.`,
      request,
      classified,
    );
    res.setHeader('connection', 'close');
    const bytesOut = await writeFakeResponse(res, response, request.method);
    // Let the client finish sending (so it reads the 413), but not forever.
    const cut = clock.setTimeout(() => req.socket.destroy(), OVERSIZE_DRAIN_MS);
    req.on('end', () => cut.cancel());
    recorder.finish({ outcome: 'rejected', status: 413, bytesOut, note: `body over ${maxBodyBytes} bytes` });
    return;
  }

  const decision = engine.decide(definition.service, classified);
  let outcome: FaultOutcome = PASSTHROUGH;
  if (decision) {
    recorder.setFault(decision.rule.id, decision.effect.kind);
    const ctx = createFaultContext({
      decision,
      engine,
      request,
      classified,
      definition,
      clock,
      signal: gone.signal,
      recorder,
    });
    try {
      outcome = await getFaultKind(decision.effect.kind).apply(ctx);
    } catch (error) {
      if (gone.signal.aborted) {
        recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
        return;
      }
      outcome = {
        type: 'respond',
        response: safeErrorResponse(
          definition,
          500,
          undefined,
          `Fault failed: ${(error as Error).message}`,
          request,
          classified,
        ),
      };
      recorder.addNote(`fault ${decision.effect.kind} failed: ${(error as Error).message}`);
    }
  }
  await carryOut(outcome, { options, request, classified, req, res, gone: gone.signal, recorder });
}

interface Exchange {
  readonly options: FakeServerOptions;
  readonly request: FakeRequest;
  readonly classified: ClassifiedRequest;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly gone: AbortSignal;
  readonly recorder: ReturnType<typeof createRequestRecorder>;
}

async function carryOut(outcome: FaultOutcome, x: Exchange): Promise<void> {
  const { recorder, res, req } = x;
  switch (outcome.type) {
    case 'reset':
      resetSocket(req.socket);
      recorder.finish({ outcome: 'reset', status: 0, bytesOut: 0 });
      return;
    case 'abandon':
      req.socket.destroy();
      recorder.finish({ outcome: 'hung', status: 0, bytesOut: 0 });
      return;
    case 'truncate': {
      if (x.gone.aborted) return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
      const bytesOut = await writeTruncatedResponse(res, outcome.response, outcome.keepBytes);
      recorder.finish({ outcome: 'truncated', status: outcome.response.status, bytesOut });
      return;
    }
    case 'respond':
    case 'passthrough': {
      const response =
        outcome.type === 'respond'
          ? outcome.response
          : await safeHandle(x.options.definition, x.request, x.classified, recorder);
      if (x.gone.aborted) return recorder.finish({ outcome: 'client_aborted', status: 0, bytesOut: 0 });
      const bytesOut = await writeFakeResponse(res, response, x.request.method);
      recorder.finish({ outcome: 'responded', status: response.status, bytesOut });
      return;
    }
  }
}

/** TCP RST where the platform allows it (plain TCP), otherwise an abrupt destroy. */
function resetSocket(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

function classifySafely(
  definition: ServiceDefinition,
  request: FakeRequest,
  recorder: { addNote(note: string): void },
): ClassifiedRequest {
  try {
    return definition.classify(request);
  } catch (error) {
    recorder.addNote(`classify failed: ${(error as Error).message}`);
    return { operation: 'Unknown' };
  }
}
